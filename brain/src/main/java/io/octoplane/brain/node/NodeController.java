package io.octoplane.brain.node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.octoplane.brain.security.AuditTargets;
import io.octoplane.brain.security.Caller;
import io.octoplane.brain.web.TargetParameters;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.NodeListResponse;
import io.octoplane.protocol.api.NodeState;
import io.octoplane.protocol.api.NodeStatusInfo;
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

	private final BrainHostStatus brain;

	NodeController(NodeService nodes, WorkgroupService workgroups, BrainHostStatus brain) {
		this.nodes = nodes;
		this.workgroups = workgroups;
		this.brain = brain;
	}

	/**
	 * Lists nodes. Without {@code limit}, {@code cursor}, {@code pattern} and
	 * {@code workgroup} it answers as it always did: every node, read in full. With any
	 * of them it answers one page (up to 10,000 nodes when there is no limit) and the
	 * cursor of the next. Names may be {@code ALL} and {@code @group}s.
	 */
	@GetMapping(ApiPaths.NODES)
	NodeListResponse list(@RequestParam(name = "name", defaultValue = "") List<String> documented,
			@RequestParam(name = "state", required = false) @Nullable String state,
			@RequestParam(name = "limit", required = false) @Nullable Integer limit,
			@RequestParam(name = "cursor", required = false) @Nullable String cursor,
			@RequestParam(name = "pattern", required = false) @Nullable String pattern,
			@RequestParam(name = "workgroup", required = false) @Nullable String workgroup, HttpServletRequest http) {
		List<String> names = TargetParameters.of(http, "name");
		NodeTargets targets = targets(names, http, false);
		if (limit == null && cursor == null && pattern == null && workgroup == null) {
			return this.nodes.list(targets.all(), parseState(state), visible(http));
		}
		Set<String> selectable = new HashSet<>(visible(http));
		if (!targets.everyNode()) {
			selectable.retainAll(targets.all());
		}
		if (workgroup != null && !workgroup.isBlank()) {
			selectable.retainAll(this.workgroups.visibleNodes(workgroup.trim()));
		}
		NodeQuery query = new NodeQuery(parseState(state), (pattern == null || pattern.isBlank()) ? null : pattern,
				NodeQuery.decodeCursor(cursor), (limit != null) ? limit : NodeQuery.MAX_LIMIT);
		return this.nodes.page(selectable, query);
	}

	/**
	 * The latest status of nodes; {@code brain} among the names adds the brain's own
	 * host, sampled now.
	 */
	@GetMapping(ApiPaths.NODE_STATUS)
	NodeStatusResponse status(@RequestParam(name = "name", defaultValue = "") List<String> documented,
			HttpServletRequest http) {
		List<String> names = TargetParameters.of(http, "name");
		NodeTargets targets = targets(names, http, true);
		List<NodeStatusInfo> statuses = new ArrayList<>();
		if (targets.includesBrain()) {
			statuses.add(this.brain.sample());
		}
		if (!targets.everyNode() || !targets.includesBrain()) {
			statuses.addAll(this.nodes.status(targets.all(), visible(http)).nodes());
		}
		return NodeStatusResponse.of(statuses);
	}

	/**
	 * The brain's own host status, sampled now: CPU, load, memory and disk, as for a
	 * node.
	 */
	@GetMapping(ApiPaths.BRAIN_STATUS)
	NodeStatusInfo brainStatus() {
		return this.brain.sample();
	}

	/**
	 * Removes offline nodes: every one named (each must be offline), the offline ones
	 * among those {@code ALL} and {@code @group}s stand for, or, naming none, every
	 * offline node.
	 */
	@DeleteMapping(ApiPaths.NODES)
	PruneResponse prune(@RequestParam(name = "name", defaultValue = "") List<String> documented,
			HttpServletRequest http) {
		List<String> names = TargetParameters.of(http, "name");
		AuditTargets.set(http, names);
		NodeTargets targets = targets(names, http, false);
		return this.nodes.prune(targets.names(), targets.members(), visible(http));
	}

	private NodeTargets targets(List<String> names, HttpServletRequest http, boolean brainHost) {
		return NodeTargets.of(names, Caller.of(http).workgroup(), this.workgroups, this.nodes::names, brainHost);
	}

	private Set<String> visible(HttpServletRequest http) {
		return this.workgroups.visibleNodes(Caller.of(http).workgroup());
	}

	private static @Nullable NodeState parseState(@Nullable String state) {
		if (state == null || state.isBlank()) {
			return null;
		}
		try {
			return NodeState.parse(state);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("state: " + ex.getMessage());
		}
	}

}
