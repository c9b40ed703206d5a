package io.octoplane.brain.node;

import java.util.HashSet;
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

	/**
	 * Lists nodes. Without {@code limit}, {@code cursor}, {@code pattern} and
	 * {@code workgroup} it answers as it always did: every node, read in full. With any
	 * of them it answers one page (up to 10,000 nodes when there is no limit) and the
	 * cursor of the next.
	 */
	@GetMapping(ApiPaths.NODES)
	NodeListResponse list(@RequestParam(name = "name", defaultValue = "") List<String> names,
			@RequestParam(name = "state", required = false) @Nullable String state,
			@RequestParam(name = "limit", required = false) @Nullable Integer limit,
			@RequestParam(name = "cursor", required = false) @Nullable String cursor,
			@RequestParam(name = "pattern", required = false) @Nullable String pattern,
			@RequestParam(name = "workgroup", required = false) @Nullable String workgroup, HttpServletRequest http) {
		if (limit == null && cursor == null && pattern == null && workgroup == null) {
			return this.nodes.list(clean(names), parseState(state), visible(http));
		}
		Set<String> selectable = new HashSet<>(visible(http));
		List<String> named = clean(names);
		if (!named.isEmpty()) {
			selectable.retainAll(named);
		}
		if (workgroup != null && !workgroup.isBlank()) {
			selectable.retainAll(this.workgroups.visibleNodes(workgroup.trim()));
		}
		NodeQuery query = new NodeQuery(parseState(state), (pattern == null || pattern.isBlank()) ? null : pattern,
				NodeQuery.decodeCursor(cursor), (limit != null) ? limit : NodeQuery.MAX_LIMIT);
		return this.nodes.page(selectable, query);
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
