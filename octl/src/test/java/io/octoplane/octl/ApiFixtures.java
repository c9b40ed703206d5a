package io.octoplane.octl;

import java.time.Instant;
import java.util.List;

import io.octoplane.protocol.api.BrainInfo;
import io.octoplane.protocol.api.CommandResponse;
import io.octoplane.protocol.api.ErrorKind;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.protocol.api.NodeInfo;
import io.octoplane.protocol.api.NodeListResponse;
import io.octoplane.protocol.api.NodeState;
import io.octoplane.protocol.api.NodeStatusInfo;
import io.octoplane.protocol.api.NodeStatusResponse;

/**
 * Canned answers of the brain's REST API.
 */
public final class ApiFixtures {

	public static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");

	private ApiFixtures() {
	}

	public static NodeListResponse nodeList() {
		BrainInfo brain = new BrainInfo("brain-1", "0.1.0", "127.0.0.1:12345");
		NodeInfo online = new NodeInfo("pi1", "0.1.0", "10.0.0.11:51234", NodeState.ONLINE, 12.0,
				NOW.minusSeconds(3600), null, NOW, "Linux", "aarch64", 3);
		NodeInfo offline = new NodeInfo("pi2-long-name", "0.0.9", "10.0.0.12:40000", NodeState.OFFLINE, -1, null,
				NOW.minusSeconds(60), NOW.minusSeconds(90), "Linux", "amd64", 0);
		return NodeListResponse.of(brain, List.of(online, offline));
	}

	public static NodeStatusResponse nodeStatus() {
		NodeStatusInfo pi1 = new NodeStatusInfo("pi1", "Linux 6.1 aarch64", 4, NOW, 0.52, 0.40, 0.30, 1_000_000_000L,
				4_000_000_000L, 25.0, 10_000_000_000L, 50_000_000_000L, 20.0, 93_784);
		return NodeStatusResponse.of(List.of(pi1));
	}

	public static NodeCommandResult succeeded(String node, String output) {
		return new NodeCommandResult(node, "succeeded", ErrorKind.NONE, 0, output, "", false, 15L, null);
	}

	public static NodeCommandResult failed(String node, String stderr) {
		return new NodeCommandResult(node, "failed", ErrorKind.PROCESS, 1, "", stderr, false, 20L, null);
	}

	public static NodeCommandResult offline(String node) {
		return new NodeCommandResult(node, "offline", ErrorKind.COMMUNICATION, null, "", "", false, null,
				"node is offline");
	}

	public static CommandResponse commandResponse(NodeCommandResult... results) {
		return CommandResponse.of("cmd-1", List.of(results));
	}

}
