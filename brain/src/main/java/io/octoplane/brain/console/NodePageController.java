package io.octoplane.brain.console;

import java.util.List;

import io.octoplane.brain.history.HistoryRange;
import io.octoplane.brain.history.NodeHistory;
import io.octoplane.brain.job.JobService;
import io.octoplane.brain.node.NodeRecord;
import io.octoplane.brain.node.NodeService;
import io.octoplane.brain.revocation.NodeRevocation;
import io.octoplane.brain.security.AuditTargets;
import io.octoplane.brain.security.Caller;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.NodeHistoryResponse;
import io.octoplane.server.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * A node's page: what it is and how it is connected, its status history as charts over an
 * hour, a day or a week, how to reach it, and revocation. A node of another workgroup is
 * not found, exactly as through the REST API. Its recent jobs are listed here; its
 * nodeapps and the tail of its log load into the page from their own features.
 */
@Controller
class NodePageController {

	private static final int RECENT_JOBS = 10;

	private final NodeService nodes;

	private final WorkgroupService workgroups;

	private final NodeHistory history;

	private final NodeRevocation revocation;

	private final JobService jobs;

	NodePageController(NodeService nodes, WorkgroupService workgroups, NodeHistory history, NodeRevocation revocation,
			JobService jobs) {
		this.nodes = nodes;
		this.jobs = jobs;
		this.workgroups = workgroups;
		this.history = history;
		this.revocation = revocation;
	}

	@GetMapping("/ui/nodes/{name}")
	String node(@PathVariable String name, HttpServletRequest http, Model model) {
		Caller caller = Caller.of(http);
		model.addAttribute("node", find(name, caller));
		model.addAttribute("caller", caller);
		model.addAttribute("recentJobs", this.jobs.list(RECENT_JOBS, null, caller, List.of(name)).jobs());
		return "console/node";
	}

	@GetMapping("/ui/nodes/{name}/history")
	@ResponseBody
	NodeHistoryResponse history(@PathVariable String name, @RequestParam(defaultValue = "1h") String range,
			HttpServletRequest http) {
		HistoryRange parsed = HistoryRange.parse(range);
		find(name, Caller.of(http));
		return this.history.read(name, parsed);
	}

	@PostMapping("/ui/nodes/{name}/revoke")
	String revoke(@PathVariable String name, HttpServletRequest http) {
		AuditTargets.set(http, List.of(name));
		this.revocation.revoke(name, Caller.of(http));
		return "redirect:/ui/nodes";
	}

	private NodeRecord find(String name, Caller caller) {
		return this.nodes.find(name, this.workgroups.visibleNodes(caller.workgroup()))
			.orElseThrow(() -> new NotFoundException(ErrorCode.NODE_NOT_FOUND, "no such node: " + name));
	}

}
