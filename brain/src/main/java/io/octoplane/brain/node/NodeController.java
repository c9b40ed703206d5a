package io.octoplane.brain.node;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.octoplane.brain.security.AuditTargets;
import io.octoplane.brain.security.Caller;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.NodeListResponse;
import io.octoplane.protocol.api.NodeState;
import io.octoplane.protocol.api.NodeStatusResponse;
import io.octoplane.protocol.api.PruneResponse;
import io.octoplane.server.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The node registry over REST. */
@RestController
class NodeController {

	private final NodeService nodes;

	private final WorkgroupService workgroups;

	NodeController(NodeService nodes, WorkgroupService workgroups) {
		this.nodes = nodes;
		this.workgroups = workgroups;
	}

	@GetMapping(ApiPaths.NODES)
	NodeListResponse list(@RequestParam(name = "name", defaultValue = "") List<String> names,
			@RequestParam(name = "state", required = false) @Nullable String state, HttpServletRequest http) {
		return this.nodes.list(clean(names), parseState(state), visible(http));
	}

	@GetMapping(ApiPaths.NODE_STATUS)
	NodeStatusResponse status(@RequestParam(name = "name", defaultValue = "") List<String> names,
			HttpServletRequest http) {
		return this.nodes.status(clean(names), visible(http));
	}

	@DeleteMapping(ApiPaths.NODES)
	PruneResponse prune(@RequestParam(name = "name", defaultValue = "") List<String> names, HttpServletRequest http) {
		AuditTargets.set(http, names);
		return this.nodes.prune(clean(names), visible(http));
	}

	private Set<String> visible(HttpServletRequest http) {
		return this.workgroups.visibleNodes(Caller.of(http).workgroup());
	}

	private static List<String> clean(List<String> names) {
		return names.stream().map(String::trim).filter((name) -> !name.isEmpty()).distinct().toList();
	}

	private static @Nullable NodeState parseState(@Nullable String state) {
		if (state == null || state.isBlank()) {
			return null;
		}
		return switch (state.trim().toLowerCase(Locale.ROOT)) {
			case "online" -> NodeState.ONLINE;
			case "unstable" -> NodeState.UNSTABLE;
			case "offline" -> NodeState.OFFLINE;
			default ->
				throw new InvalidRequestException("state must be online, unstable or offline, not '" + state + "'");
		};
	}

}
