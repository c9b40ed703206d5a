package io.octoplane.brain.node;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.octoplane.protocol.api.NodeListResponse;
import io.octoplane.protocol.api.NodeState;
import io.octoplane.server.web.InvalidRequestException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class NodePageTests {

	private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

	private static final Set<String> ALL = Set.of("n1", "n2", "n3", "n4", "web1");

	private final NodeRepository repository = mock(NodeRepository.class);

	private final NodeService service = NodeFixtures.service(this.repository, NOW);

	@BeforeEach
	void registry() {
		// n3 is not connected; n4's brain died a minute ago.
		// web1 is past its unstable deadline.
		given(this.repository.liveness(NOW))
			.willReturn(new LivenessIndex.Liveness(Set.of("n3", "n4", "web1"), Set.of("n3", "n4"), null));
		given(this.repository.findAll(anyList())).willAnswer((invocation) -> {
			List<String> names = invocation.getArgument(0);
			return names.stream().map((name) -> NodeFixtures.connected(name, NOW)).toList();
		});
	}

	@Test
	void pagesFollowEachOtherByCursorUntilTheLast() {
		NodeListResponse first = this.service.page(ALL, new NodeQuery(null, null, null, 2));
		assertThat(first.nodes()).extracting("name").containsExactly("n1", "n2");
		assertThat(first.nextCursor()).isNotNull();
		NodeListResponse second = this.service.page(ALL,
				new NodeQuery(null, null, NodeQuery.decodeCursor(first.nextCursor()), 2));
		assertThat(second.nodes()).extracting("name").containsExactly("n3", "n4");
		NodeListResponse last = this.service.page(ALL,
				new NodeQuery(null, null, NodeQuery.decodeCursor(second.nextCursor()), 2));
		assertThat(last.nodes()).extracting("name").containsExactly("web1");
		assertThat(last.nextCursor()).isNull();
	}

	@Test
	void countsCoverEveryMatchingNodeNotOnlyThePage() {
		NodeListResponse page = this.service.page(ALL, new NodeQuery(null, null, null, 1));
		assertThat(page.total()).isEqualTo(5);
		assertThat(page.online()).isEqualTo(3);
		assertThat(page.offline()).isEqualTo(2);
	}

	@Test
	void stateFilterUsesTheLivenessIndex() {
		NodeListResponse offline = this.service.page(ALL, new NodeQuery(NodeState.OFFLINE, null, null, 10));
		assertThat(offline.total()).isEqualTo(2);
		verify(this.repository).findAll(List.of("n3", "n4"));
		NodeListResponse online = this.service.page(ALL, new NodeQuery(NodeState.ONLINE, null, null, 10));
		assertThat(online.total()).isEqualTo(3);
		verify(this.repository, never()).findAll();
	}

	@Test
	void rowsShowTheStateTheyWereCountedIn() {
		NodeListResponse page = this.service.page(ALL, new NodeQuery(NodeState.UNSTABLE, null, null, 10));
		assertThat(page.nodes()).singleElement().satisfies((node) -> {
			assertThat(node.name()).isEqualTo("web1");
			assertThat(node.state()).isEqualTo(NodeState.UNSTABLE);
		});
	}

	@Test
	void registeredNodeTheIndexLacksIsOffline() {
		given(this.repository.liveness(NOW)).willReturn(new LivenessIndex.Liveness(Set.of(), Set.of(), Set.of("n1")));
		NodeListResponse page = this.service.page(Set.of("n1", "n2"), new NodeQuery(null, null, null, 10));
		assertThat(page.online()).isEqualTo(1);
		assertThat(page.offline()).isEqualTo(1);
	}

	@Test
	void patternMatchesNamesAsAGlob() {
		assertThat(this.service.page(ALL, new NodeQuery(null, "n?", null, 10)).total()).isEqualTo(4);
		assertThat(this.service.page(ALL, new NodeQuery(null, "web*", null, 10)).nodes()).extracting("name")
			.containsExactly("web1");
		assertThat(this.service.page(ALL, new NodeQuery(null, "n.", null, 10)).total()).isZero();
	}

	@Test
	void cursorOfANodeGoneSinceStillFindsItsPlace() {
		NodeListResponse page = this.service.page(Set.of("n1", "n3", "n4"), new NodeQuery(null, null, "n2", 10));
		assertThat(page.nodes()).extracting("name").containsExactly("n3", "n4");
	}

	@Test
	void onlyVisibleNodesAreListedOrCounted() {
		NodeListResponse page = this.service.page(Set.of("n1"), new NodeQuery(null, null, null, 10));
		assertThat(page.nodes()).extracting("name").containsExactly("n1");
		assertThat(page.total()).isEqualTo(1);
	}

	@Test
	void limitAndCursorMustBeSensible() {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> new NodeQuery(null, null, null, 0));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> NodeQuery.decodeCursor("not a cursor!"));
	}

}
