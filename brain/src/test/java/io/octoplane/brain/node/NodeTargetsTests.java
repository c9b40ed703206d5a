package io.octoplane.brain.node;

import java.util.List;
import java.util.Set;

import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.server.web.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

class NodeTargetsTests {

	private final WorkgroupService workgroups = mock(WorkgroupService.class);

	@Test
	void namesPassWithoutTouchingTheWorkgroups() {
		NodeTargets targets = NodeTargets.of(List.of("b", " a ", "b", ""), "/lab", this.workgroups, Set::of, false);
		assertThat(targets.names()).containsExactly("b", "a");
		assertThat(targets.members()).isEmpty();
		assertThat(targets.everyNode()).isFalse();
		verifyNoInteractions(this.workgroups);
	}

	@Test
	void nothingGivenIsEveryNode() {
		assertThat(NodeTargets.of(List.of(), "/", this.workgroups, Set::of, false).everyNode()).isTrue();
	}

	@Test
	void groupsExpandToRegisteredNodesOnly() {
		given(this.workgroups.expandTargets("/lab", List.of("ALL", "@pis"))).willReturn(List.of("a", "gone", "b"));
		NodeTargets targets = NodeTargets.of(List.of("ALL", "c", "@pis"), "/lab", this.workgroups,
				() -> Set.of("a", "b", "c"), false);
		assertThat(targets.names()).containsExactly("c");
		assertThat(targets.members()).containsExactly("a", "b");
		assertThat(targets.all()).containsExactly("c", "a", "b");
	}

	@Test
	void groupsOfOnlyPrunedNodesAreInvalidNeverEveryNode() {
		given(this.workgroups.expandTargets("/lab", List.of("@pis"))).willReturn(List.of("gone"));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> NodeTargets.of(List.of("@pis"), "/lab", this.workgroups, () -> Set.of("a"), false));
	}

	@Test
	void brainNamesTheBrainsHostOnlyWhereAsked() {
		NodeTargets status = NodeTargets.of(List.of("brain", "a"), "/", this.workgroups, Set::of, true);
		assertThat(status.includesBrain()).isTrue();
		assertThat(status.names()).containsExactly("a");
		NodeTargets listing = NodeTargets.of(List.of("brain"), "/", this.workgroups, Set::of, false);
		assertThat(listing.includesBrain()).isFalse();
		assertThat(listing.names()).containsExactly("brain");
	}

}
