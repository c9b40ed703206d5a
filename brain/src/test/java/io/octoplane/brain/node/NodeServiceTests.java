package io.octoplane.brain.node;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.NodeListResponse;
import io.octoplane.protocol.api.NodeState;
import io.octoplane.protocol.api.NodeStatusResponse;
import io.octoplane.server.web.ConflictException;
import io.octoplane.server.web.NotFoundException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

class NodeServiceTests {

	private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

	private static final Set<String> ALL = Set.of("a", "b", "alpha", "mid", "zeta");

	private final NodeRepository repository = mock(NodeRepository.class);

	private final NodeService service = NodeFixtures.service(this.repository, NOW);

	@Test
	void listSortsByNameAndCountsStates() {
		given(this.repository.findAll()).willReturn(List.of(NodeFixtures.connected("zeta", NOW),
				NodeFixtures.disconnected("alpha", NOW.minusSeconds(5)), NodeFixtures.connected("mid", NOW)));
		NodeListResponse list = this.service.list(List.of(), null, ALL);
		assertThat(list.nodes()).extracting("name").containsExactly("alpha", "mid", "zeta");
		assertThat(list.total()).isEqualTo(3);
		assertThat(list.online()).isEqualTo(2);
		assertThat(list.offline()).isEqualTo(1);
		assertThat(list.nodes().get(0).offlineTime()).isEqualTo(NOW.minusSeconds(5));
		assertThat(list.nodes().get(0).onlineTime()).isNull();
		assertThat(list.nodes().get(1).delay()).isEqualTo(1.5);
	}

	@Test
	void onlineFilterIncludesUnstable() {
		given(this.repository.findAll()).willReturn(
				List.of(NodeFixtures.connected("a", NOW.minusSeconds(30)), NodeFixtures.disconnected("b", NOW)));
		assertThat(this.service.list(List.of(), NodeState.ONLINE, ALL).nodes()).extracting("name").containsExactly("a");
		assertThat(this.service.list(List.of(), NodeState.OFFLINE, ALL).nodes()).extracting("name")
			.containsExactly("b");
	}

	@Test
	void nodeOutsideTheWorkgroupIsAnsweredLikeAnUnknownOne() {
		given(this.repository.findAll())
			.willReturn(List.of(NodeFixtures.connected("a", NOW), NodeFixtures.connected("b", NOW)));
		assertThat(this.service.list(List.of(), null, Set.of("a")).nodes()).extracting("name").containsExactly("a");
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.service.list(List.of("b"), null, Set.of("a")))
			.withMessage("no such node: b");
	}

	@Test
	void unknownNamedNodeIsNotFound() {
		given(this.repository.findAll()).willReturn(List.of(NodeFixtures.connected("a", NOW)));
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.service.list(List.of("a", "b"), null, ALL))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.NODE_NOT_FOUND))
			.withMessageContaining("b");
	}

	@Test
	void statusAveragesReportedNodes() {
		given(this.repository.findAll())
			.willReturn(List.of(NodeFixtures.connected("a", NOW), NodeFixtures.disconnected("b", NOW)));
		NodeStatusResponse status = this.service.status(List.of(), ALL);
		assertThat(status.nodes()).extracting("name").containsExactly("a");
		assertThat(status.nodes().get(0).memoryUsage()).isEqualTo(25.0);
		assertThat(status.averageDiskUsage()).isEqualTo(25.0);
	}

	@Test
	void pruneRefusesNamedOnlineNode() {
		given(this.repository.findAll()).willReturn(List.of(NodeFixtures.connected("a", NOW)));
		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> this.service.prune(List.of("a"), ALL))
			.withMessageContaining("a");
	}

	@Test
	void pruneWithoutNamesRemovesOnlyOfflineNodes() {
		given(this.repository.findAll())
			.willReturn(List.of(NodeFixtures.connected("a", NOW), NodeFixtures.disconnected("b", NOW)));
		given(this.repository.deleteOffline(List.of("b"), NOW)).willReturn(List.of("b"));
		assertThat(this.service.prune(List.of(), ALL).pruned()).containsExactly("b");
		verify(this.repository).deleteOffline(List.of("b"), NOW);
	}

	@Test
	void pruneOfAGroupRemovesItsOfflineNodesAndLeavesItsOnlineOnes() {
		given(this.repository.findAll()).willReturn(List.of(NodeFixtures.connected("a", NOW),
				NodeFixtures.disconnected("b", NOW), NodeFixtures.disconnected("zeta", NOW)));
		given(this.repository.deleteOffline(List.of("b"), NOW)).willReturn(List.of("b"));
		// "gone" was pruned before but a workgroup still lists it.
		assertThat(this.service.prune(List.of(), List.of("a", "b", "gone"), ALL).pruned()).containsExactly("b");
		verify(this.repository).deleteOffline(List.of("b"), NOW);
	}

	@Test
	void pruneOfAGroupStillRefusesANamedOnlineNode() {
		given(this.repository.findAll())
			.willReturn(List.of(NodeFixtures.connected("a", NOW), NodeFixtures.disconnected("b", NOW)));
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.service.prune(List.of("a"), List.of("b"), ALL));
	}

}
