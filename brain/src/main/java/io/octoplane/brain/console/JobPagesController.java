package io.octoplane.brain.console;

import java.util.List;

import io.octoplane.brain.job.JobEventStream;
import io.octoplane.brain.job.JobService;
import io.octoplane.brain.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The jobs list and a job's page: per-node state, exit code and output, live while the
 * job runs (the same server-sent events as {@code GET /api/v1/jobs/{id}/events}), and
 * cancel. A job of another workgroup is not found.
 */
@Controller
class JobPagesController {

	private static final int PAGE_SIZE = 25;

	private final JobService jobs;

	private final JobEventStream events;

	JobPagesController(JobService jobs, JobEventStream events) {
		this.jobs = jobs;
		this.events = events;
	}

	@GetMapping("/ui/jobs")
	String list(@RequestParam(required = false) @Nullable String cursor, HttpServletRequest http, Model model) {
		model.addAttribute("page", this.jobs.list(PAGE_SIZE, cursor, Caller.of(http), List.of()));
		model.addAttribute("caller", Caller.of(http));
		return "console/jobs";
	}

	@GetMapping("/ui/jobs/{id}")
	String job(@PathVariable String id, HttpServletRequest http, Model model) {
		model.addAttribute("job", this.jobs.get(id, Caller.of(http)));
		model.addAttribute("caller", Caller.of(http));
		return "console/job";
	}

	@GetMapping(path = "/ui/jobs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@ResponseBody
	SseEmitter follow(@PathVariable String id, HttpServletRequest http) {
		this.jobs.checkVisible(id, Caller.of(http));
		return this.events.open(id);
	}

	@PostMapping("/ui/jobs/{id}/cancel")
	String cancel(@PathVariable String id, HttpServletRequest http) {
		this.jobs.cancel(id, Caller.of(http));
		return "redirect:/ui/jobs/" + id;
	}

}
