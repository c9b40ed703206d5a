package io.octoplane.brain.console;

import java.util.Arrays;
import java.util.List;

import io.octoplane.brain.job.JobService;
import io.octoplane.brain.security.AuditTargets;
import io.octoplane.brain.security.Caller;
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
 * The run page: pick nodes (names, {@code @group}s, {@code ALL}), type a shell command,
 * choose how it spreads (max concurrency, max errors, how long to wait for offline
 * nodes), and follow it on its job page. The job takes the same path as
 * {@code POST /api/v1/commands}.
 */
@Controller
class RunController {

	private final JobService jobs;

	RunController(JobService jobs) {
		this.jobs = jobs;
	}

	@GetMapping("/ui/run")
	String form(@RequestParam(defaultValue = "") String targets, HttpServletRequest http, Model model) {
		model.addAttribute("targets", targets);
		model.addAttribute("caller", Caller.of(http));
		return "console/run";
	}

	@PostMapping("/ui/run")
	String run(@RequestParam String targets, @RequestParam String command,
			@RequestParam(name = "maxConcurrency", defaultValue = "") String maxConcurrency,
			@RequestParam(name = "maxErrors", defaultValue = "") String maxErrors,
			@RequestParam(name = "waitOfflineSeconds", required = false) @Nullable Long waitOfflineSeconds,
			@RequestParam(name = "timeoutSeconds", required = false) @Nullable Long timeoutSeconds,
			HttpServletRequest http) {
		List<String> names = Arrays.stream(targets.split("[\\s,]+")).filter((name) -> !name.isBlank()).toList();
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
