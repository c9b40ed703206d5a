package io.octoplane.brain.history;

import io.octoplane.brain.node.NodeService;
import io.octoplane.brain.security.Caller;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.NodeHistoryResponse;
import io.octoplane.server.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A node's status history over REST. */
@RestController
class NodeHistoryController {

	private final NodeHistory history;

	private final NodeService nodes;

	private final WorkgroupService workgroups;

	NodeHistoryController(NodeHistory history, NodeService nodes, WorkgroupService workgroups) {
		this.history = history;
		this.nodes = nodes;
		this.workgroups = workgroups;
	}

	/**
	 * A node's CPU load, memory and disk use and heartbeat delay over the last hour or
	 * day (a point a minute) or week (a point a quarter hour). A node of another
	 * workgroup is not found, as an unknown one.
	 * @param name the node
	 * @param range {@code 1h}, {@code 24h} or {@code 7d}
	 */
	@GetMapping(ApiPaths.NODE_HISTORY)
	NodeHistoryResponse history(@PathVariable String name, @RequestParam(defaultValue = "1h") String range,
			HttpServletRequest http) {
		HistoryRange parsed = HistoryRange.parse(range);
		if (this.nodes.find(name, this.workgroups.visibleNodes(Caller.of(http).workgroup())).isEmpty()) {
			throw new NotFoundException(ErrorCode.NODE_NOT_FOUND, "no such node: " + name);
		}
		return this.history.read(name, parsed);
	}

}
