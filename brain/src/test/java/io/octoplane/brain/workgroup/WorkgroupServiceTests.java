package io.octoplane.brain.workgroup;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.octoplane.brain.node.NodeSelection;
import io.octoplane.brain.node.NodeService;
import io.octoplane.brain.redis.RedisTemplateExtension;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.selector.Selector;
import io.octoplane.server.web.InvalidRequestException;
import io.octoplane.server.web.NotFoundException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class WorkgroupServiceTests {

	@RegisterExtension
	static final RedisTemplateExtension redisServer = new RedisTemplateExtension();

	private static StringRedisTemplate redis;

	private final NodeService nodes = mock(NodeService.class);

	private final List<Object> events = new ArrayList<>();

	private final NodeSelection selection = mock(NodeSelection.class);

	private final WorkgroupService service = new WorkgroupService(new WorkgroupRepository(redis), this.nodes,
			this.selection, Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC), this.events::add);

	@BeforeAll
	static void connect() {
		redis = redisServer.template();
	}

	@BeforeEach
	void fleet() {
		redisServer.flush();
		given(this.nodes.names()).willReturn(Set.of("a", "b", "c", "d"));
		given(this.nodes.registered(anyCollection())).willAnswer((call) -> call.<Collection<String>>getArgument(0)
			.stream()
			.filter(Set.of("a", "b", "c", "d")::contains)
			.collect(Collectors.toCollection(LinkedHashSet::new)));
	}

	@Test
	void visibleAmongLooksUpOnlyTheNamesAskedAndKeepsTheirOrder() {
		this.service.addNodes("/", "/lab/pis", List.of("a", "b"));
		assertThat(this.service.visibleAmong("/lab/pis", List.of("c", "b", "zz", "a"))).containsExactly("b", "a");
		assertThat(this.service.visibleAmong("/lab", List.of("a"))).containsExactly("a");
		assertThat(this.service.visibleAmong("/", List.of("d", "zz", "a"))).containsExactly("d", "a");
		assertThat(this.service.visibleAmong("/nowhere", List.of("a"))).isEmpty();
		assertThat(this.service.visibleAmong("/lab/pis", List.of())).isEmpty();
	}

	@Test
	void rootSeesEveryRegisteredNodeAndAlwaysExists() {
		assertThat(this.service.exists("/")).isTrue();
		assertThat(this.service.visibleNodes("/")).containsExactlyInAnyOrder("a", "b", "c", "d");
		assertThat(this.service.exists("/lab")).isFalse();
		assertThat(this.service.visibleNodes("/lab")).isEmpty();
	}

	@Test
	void addingNodesTakesGroupsAndAllAsOctopodasWgAddDoes() {
		this.service.addNodes("/", "/lab", List.of("a", "b"));
		this.service.addNodes("/", "/copy", List.of("@lab", "c"));
		assertThat(this.service.visibleNodes("/copy")).containsExactlyInAnyOrder("a", "b", "c");
		this.service.addNodes("/lab", "/lab/all", List.of("ALL"));
		assertThat(this.service.visibleNodes("/lab/all")).containsExactlyInAnyOrder("a", "b");
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.service.addNodes("/lab", "/lab/other", List.of("@/copy")));
	}

	@Test
	void addingNodesCreatesTheWorkgroupAndItsParents() {
		this.service.addNodes("/", "/lab/pis", List.of("a", "b"));
		assertThat(this.service.exists("/lab")).isTrue();
		assertThat(this.service.describe("/").children()).containsExactly("/lab");
		assertThat(this.service.describe("/lab").children()).containsExactly("/lab/pis");
		assertThat(this.service.visibleNodes("/lab/pis")).containsExactly("a", "b");
		// A parent always sees what its children see.
		assertThat(this.service.visibleNodes("/lab")).containsExactly("a", "b");
		assertThat(this.service.canSee("/lab/pis", "a")).isTrue();
		assertThat(this.service.canSee("/lab/pis", "c")).isFalse();
	}

	@Test
	void unknownAndInvisibleNodesGetTheSameAnswer() {
		this.service.addNodes("/", "/lab", List.of("a"));
		NotFoundException invisible = catchThrowableOfType(NotFoundException.class,
				() -> this.service.addNodes("/lab", "/lab/pis", List.of("b")));
		NotFoundException unknown = catchThrowableOfType(NotFoundException.class,
				() -> this.service.addNodes("/lab", "/lab/pis", List.of("zz")));
		assertThat(invisible.code()).isEqualTo(ErrorCode.NODE_NOT_FOUND).isEqualTo(unknown.code());
		assertThat(invisible.getBody().getDetail()).isEqualTo("no such node: b");
		assertThat(unknown.getBody().getDetail()).isEqualTo("no such node: zz");
		assertThat(this.service.exists("/lab/pis")).isFalse();
	}

	@Test
	void nodesAreGivenOnlyToWorkgroupsBelowTheActingOne() {
		this.service.addNodes("/", "/lab", List.of("a"));
		for (String path : List.of("/lab", "/ops", "/")) {
			assertThatExceptionOfType(InvalidRequestException.class).as(path)
				.isThrownBy(() -> this.service.addNodes("/lab", path, List.of("a")));
		}
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.service.addNodes("/", "/lab", List.of()));
	}

	@Test
	void removingANodeRemovesItFromEveryWorkgroupBelow() {
		this.service.addNodes("/", "/lab/pis/kitchen", List.of("a", "b"));
		this.service.removeNodes("/lab", List.of("a"));
		assertThat(this.service.visibleNodes("/lab")).containsExactly("b");
		assertThat(this.service.visibleNodes("/lab/pis")).containsExactly("b");
		assertThat(this.service.visibleNodes("/lab/pis/kitchen")).containsExactly("b");
	}

	@Test
	void deletingAWorkgroupDeletesItsSubtreeAndTellsOthers() {
		this.service.addNodes("/", "/lab/pis/kitchen", List.of("a"));
		this.service.addNodes("/", "/lab2", List.of("a"));
		this.service.setPassword("/lab/pis", "a long enough password");
		this.service.delete("/lab");
		assertThat(this.service.exists("/lab")).isFalse();
		assertThat(this.service.exists("/lab/pis")).isFalse();
		assertThat(this.service.exists("/lab/pis/kitchen")).isFalse();
		assertThat(this.service.exists("/lab2")).isTrue();
		assertThat(this.service.describe("/").children()).containsExactly("/lab2");
		assertThat(redis.keys("octoplane:wg:{/lab}*")).isEmpty();
		assertThat(redis.keys("octoplane:wg:{/lab/*")).isEmpty();
		assertThat(this.events)
			.containsExactly(new WorkgroupDeletedEvent(List.of("/lab", "/lab/pis", "/lab/pis/kitchen")));
	}

	@Test
	void rootCannotBeDeleted() {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> this.service.delete("/"));
	}

	@Test
	void subtreeListsParentsBeforeChildren() {
		this.service.addNodes("/", "/lab/pis", List.of("a"));
		this.service.addNodes("/", "/ops", List.of("b"));
		assertThat(this.service.subtree("/")).containsExactly("/", "/lab", "/lab/pis", "/ops");
		assertThat(this.service.subtree("/lab")).containsExactly("/lab", "/lab/pis");
		assertThat(this.service.subtree("/nowhere")).isEmpty();
	}

	@Test
	void expandTargets_selectorMatchesWithinTheActingWorkgroupOnly() {
		this.service.addNodes("/", "/lab", List.of("a", "b"));
		given(this.selection.select(Selector.parse("site=lab"), Set.of("a", "b"))).willReturn(List.of("a"));
		assertThat(this.service.expandTargets("/lab", List.of("c", "label:site=lab", "a"))).containsExactly("c", "a");
	}

	@Test
	void expandTargets_selectorMatchingNoNodeIsRefusedNeverAll() {
		given(this.selection.select(Selector.parse("site=nowhere"), Set.of("a", "b", "c", "d"))).willReturn(List.of());
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.service.expandTargets("/", List.of("label:site=nowhere")))
			.withMessage("selector site=nowhere matches no node in workgroup /");
	}

	@Test
	void expandTargets_badSelectorIsAnInvalidRequest() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.service.expandTargets("/", List.of("label:site in lab")))
			.withMessageContaining("expected '(' to open");
		assertThat(WorkgroupService.selectors(List.of("a", "label: site = lab ", "@b"))).containsExactly("site=lab");
		assertThat(WorkgroupService.isGroupTarget("label:x")).isTrue();
	}

	@Test
	void expandTargets_relativeGroup() {
		this.service.addNodes("/", "/lab/pis", List.of("a", "b"));
		assertThat(this.service.expandTargets("/lab", List.of("@pis"))).containsExactly("a", "b");
		assertThat(this.service.expandTargets("/", List.of("@lab/pis"))).containsExactly("a", "b");
	}

	@Test
	void expandTargets_absoluteGroupInsideTheActingWorkgroup() {
		this.service.addNodes("/", "/lab/pis", List.of("a"));
		assertThat(this.service.expandTargets("/lab", List.of("@/lab/pis"))).containsExactly("a");
	}

	@Test
	void expandTargets_absoluteGroupOutsideTheActingWorkgroupIsNotFound() {
		this.service.addNodes("/", "/lab", List.of("a"));
		this.service.addNodes("/", "/ops", List.of("b"));
		NotFoundException existing = catchThrowableOfType(NotFoundException.class,
				() -> this.service.expandTargets("/lab", List.of("@/ops")));
		NotFoundException missing = catchThrowableOfType(NotFoundException.class,
				() -> this.service.expandTargets("/lab", List.of("@/nope")));
		assertThat(existing.code()).isEqualTo(ErrorCode.WORKGROUP_NOT_FOUND).isEqualTo(missing.code());
		// The answer must not tell an existing foreign group from a missing one.
		assertThat(existing.getBody().getDetail()).isEqualTo("no such workgroup: @/ops");
		assertThat(missing.getBody().getDetail()).isEqualTo("no such workgroup: @/nope");
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.service.expandTargets("/lab", List.of("@/")));
	}

	@Test
	void expandTargets_unknownRelativeGroupIsNotFound() {
		assertThat(catchThrowableOfType(NotFoundException.class, () -> this.service.expandTargets("/", List.of("@lab")))
			.code()).isEqualTo(ErrorCode.WORKGROUP_NOT_FOUND);
	}

	@Test
	void expandTargets_dotIsTheActingWorkgroup() {
		this.service.addNodes("/", "/lab", List.of("b", "a"));
		assertThat(this.service.expandTargets("/lab", List.of("@."))).containsExactly("a", "b");
		assertThat(this.service.expandTargets("/", List.of("@."))).containsExactlyInAnyOrder("a", "b", "c", "d");
	}

	@Test
	void expandTargets_emptyGroupIsInvalidNeverAll() {
		this.service.addNodes("/", "/lab/pis", List.of("a"));
		this.service.removeNodes("/lab/pis", List.of("a"));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.service.expandTargets("/lab", List.of("@pis")))
			.withMessage("@pis has no nodes");
		given(this.nodes.names()).willReturn(Set.of());
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.service.expandTargets("/", List.of("@.")));
	}

	@Test
	void expandTargets_keepsOrderAndDropsDuplicates() {
		this.service.addNodes("/", "/lab", List.of("a", "b"));
		assertThat(this.service.expandTargets("/", List.of("d", "b", "@lab", "d", "@/lab"))).containsExactly("d", "b",
				"a");
	}

	@Test
	void expandTargets_malformedGroupsAreInvalid() {
		for (String target : List.of("@..", "@../x", "@a//b", "@/lab/../x")) {
			assertThatExceptionOfType(InvalidRequestException.class).as(target)
				.isThrownBy(() -> this.service.expandTargets("/lab", List.of(target)));
		}
	}

	@Test
	void expandTargets_allIsEveryNodeTheActingWorkgroupSees() {
		this.service.addNodes("/", "/lab", List.of("b", "a"));
		for (String all : List.of("ALL", "@", "@ALL", "@all", "@.")) {
			assertThat(this.service.expandTargets("/lab", List.of(all))).as(all).containsExactly("a", "b");
		}
		assertThat(this.service.expandTargets("/", List.of("ALL"))).containsExactly("a", "b", "c", "d");
	}

	@Test
	void expandTargets_allNeverReachesAnotherWorkgroup() {
		this.service.addNodes("/", "/lab", List.of("a"));
		this.service.addNodes("/", "/ops", List.of("b", "c"));
		assertThat(this.service.expandTargets("/lab", List.of("ALL"))).containsExactly("a");
		assertThat(this.service.expandTargets("/ops", List.of("ALL", "a"))).containsExactly("b", "c", "a");
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.service.expandTargets("/lab", List.of("@/ops", "ALL")));
	}

	@Test
	void expandTargets_mixesNamesGroupsAndAll() {
		this.service.addNodes("/", "/lab/pis", List.of("a", "b"));
		assertThat(this.service.expandTargets("/", List.of("zz", "@lab/pis", "b", "ALL"))).containsExactly("zz", "a",
				"b", "c", "d");
	}

	@Test
	void expandTargets_emptyListIsInvalidNeverAll() {
		for (List<String> empty : List.of(List.<String>of(), List.of(" ", ""))) {
			assertThatExceptionOfType(InvalidRequestException.class).as(empty.toString())
				.isThrownBy(() -> this.service.expandTargets("/", empty))
				.withMessage("targets must name at least one node, @group or ALL");
		}
	}

	@Test
	void expandTargets_allOfAWorkgroupWithoutNodesIsInvalid() {
		this.service.addNodes("/", "/lab", List.of("a"));
		this.service.removeNodes("/lab", List.of("a"));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.service.expandTargets("/lab", List.of("ALL")))
			.withMessage("ALL has no nodes in workgroup /lab");
	}

	@Test
	void expandOptionalTargets_nothingGivenMeansEveryVisibleNode() {
		this.service.addNodes("/", "/lab", List.of("a"));
		assertThat(this.service.expandOptionalTargets("/lab", List.of())).isEmpty();
		assertThat(this.service.expandOptionalTargets("/lab", List.of("", " "))).isEmpty();
		assertThat(this.service.expandOptionalTargets("/lab", List.of("ALL"))).containsExactly("a");
	}

	@Test
	void groupTargetsAreTellableFromNames() {
		for (String group : List.of("ALL", "@", "@lab", " @/x ")) {
			assertThat(WorkgroupService.isGroupTarget(group)).as(group).isTrue();
		}
		for (String name : List.of("all", "pi1", "brain", "a@b")) {
			assertThat(WorkgroupService.isGroupTarget(name)).as(name).isFalse();
		}
	}

	@Test
	void passwordRoundTrip() {
		this.service.addNodes("/", "/lab", List.of("a"));
		this.service.setPassword("/lab", "correct horse battery");
		assertThat(this.service.verifyPassword("/lab", "correct horse battery")).isTrue();
		assertThat(this.service.verifyPassword("/lab", "correct horse batter")).isFalse();
		assertThat(this.service.verifyPassword("/", "correct horse battery")).isFalse();
		assertThat(redis.opsForHash().get("octoplane:wg:{/lab}", "passwordHash")).asString()
			.startsWith("$argon2")
			.doesNotContain("correct horse battery");
	}

	@Test
	void aNewPasswordEndsTheOldOneAtOnceDespiteTheVerifiedCache() {
		this.service.addNodes("/", "/lab", List.of("a"));
		this.service.setPassword("/lab", "correct horse battery");
		assertThat(this.service.verifyPassword("/lab", "correct horse battery")).isTrue();
		// The clock is fixed, so a cached success would never expire on its own.
		assertThat(this.service.verifyPassword("/lab", "correct horse battery")).isTrue();
		this.service.setPassword("/lab", "tr0ub4dor and three");
		assertThat(this.service.verifyPassword("/lab", "correct horse battery")).isFalse();
		assertThat(this.service.verifyPassword("/lab", "tr0ub4dor and three")).isTrue();
	}

	@Test
	void unknownWorkgroupOrUnsetPasswordNeverMatches() {
		this.service.addNodes("/", "/lab", List.of("a"));
		assertThat(this.service.verifyPassword("/lab", "")).isFalse();
		assertThat(this.service.verifyPassword("/nowhere", "correct horse battery")).isFalse();
	}

	@Test
	void passwordLengthIsBounded() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.service.setPassword("/", "short"));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.service.setPassword("/", "x".repeat(257)));
		this.service.setPassword("/", "x".repeat(12));
		assertThat(this.service.verifyPassword("/", "x".repeat(12))).isTrue();
	}

	@Test
	void enrollingPutsTheNodeIntoEveryLevelAbove() {
		this.service.enroll("/lab/pis", "e");
		assertThat(this.service.visibleNodes("/lab/pis")).containsExactly("e");
		assertThat(this.service.visibleNodes("/lab")).containsExactly("e");
	}

}
