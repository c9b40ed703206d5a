package io.octoplane.brain.console;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.octoplane.brain.job.JobService;
import io.octoplane.brain.node.NodeQuery;
import io.octoplane.brain.node.NodeService;
import io.octoplane.brain.security.AuditTargets;
import io.octoplane.brain.security.Caller;
import io.octoplane.brain.web.PageCursor;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.server.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The run page: pick nodes (names, {@code @group}s, {@code ALL}, or ticked in a list
 * filtered by state and name), type a shell command, choose how it spreads (max
 * concurrency, max errors, how long to wait for offline nodes), and follow it on its job
 * page. The job takes the same path as {@code POST /api/v1/commands}.
 */
@Controller
class RunController {

	private static final int PICKER_SIZE = 100;

	private final JobService jobs;

	private final NodeService nodes;

	private final WorkgroupService workgroups;

	RunController(JobService jobs, NodeService nodes, WorkgroupService workgroups) {
		this.jobs = jobs;
		this.nodes = nodes;
		this.workgroups = workgroups;
	}

	@GetMapping("/ui/run/nodes")
	String picker(@RequestParam(defaultValue = "") String state, @RequestParam(defaultValue = "") String name,
			HttpServletRequest http, Model model) {
		Caller caller = Caller.of(http);
		String pattern = name.isBlank() ? null : (name.contains("*") || name.contains("?")) ? name : "*" + name + "*";
		NodeQuery query = new NodeQuery(FleetController.parseState(state), pattern, PageCursor.decode(null),
				PICKER_SIZE);
		model.addAttribute("picked", this.nodes.page(this.workgroups.visibleNodes(caller.workgroup()), query));
		return "console/run-parts :: picker";
	}

	@GetMapping("/ui/run")
	String form(@RequestParam(defaultValue = "") String targets, HttpServletRequest http, Model model) {
		model.addAttribute("targets", targets);
		model.addAttribute("caller", Caller.of(http));
		return "console/run";
	}

	@PostMapping("/ui/run")
	String run(@RequestParam(defaultValue = "") String targets,
			@RequestParam(name = "pick", defaultValue = "") List<String> picked, @RequestParam String command,
			@RequestParam(name = "maxConcurrency", defaultValue = "") String maxConcurrency,
			@RequestParam(name = "maxErrors", defaultValue = "") String maxErrors,
			@RequestParam(name = "waitOfflineSeconds", required = false) @Nullable Long waitOfflineSeconds,
			@RequestParam(name = "timeoutSeconds", required = false) @Nullable Long timeoutSeconds,
			HttpServletRequest http) {
		List<String> names = Stream.concat(Arrays.stream(targets.split("[\\s,]+")), picked.stream())
			.filter((name) -> !name.isBlank())
			.distinct()
			.toList();
		if (names.isEmpty()) {
			throw new InvalidRequestException("name at least one target: node names, @group or ALL");
		}
		AuditTargets.set(http, names);
		CommandRequest request = new CommandRequest(names, CommandMode.SHELL, command, timeoutSeconds, null,
				waitOfflineSeconds, blankToNull(maxConcurrency), blankToNull(maxErrors), null, true);
		JobResponse job = this.jobs.submit(request, Caller.of(http));
		return "redirect:/ui/jobs/" + job.id();
	}

	private static @Nullable String blankToNull(String text) {
		return text.isBlank() ? null : text.trim();
	}

}
