package io.octoplane.brain.job;

import java.util.List;

import io.octoplane.brain.security.Caller;
import io.octoplane.brain.web.TargetParameters;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.JobListResponse;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.server.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Shows, follows and cancels command jobs. */
@RestController
class JobController {

	private final JobService jobs;

	private final JobEventStream eventStream;

	JobController(JobService jobs, JobEventStream eventStream) {
		this.jobs = jobs;
		this.eventStream = eventStream;
	}

	/**
	 * Lists jobs the caller's workgroup may see, newest first, one page at a time: pass
	 * the answer's next_cursor as cursor for the next page. Jobs started while paging
	 * never shift a later page.
	 * @param limit most jobs in the page, 1 to 1000
	 * @param cursor the next_cursor of the page before; absent for the newest jobs
	 * @param documented only jobs sent to a node these targets stand for now: names,
	 * {@code @group}s, {@code label:SELECTOR}s, each a {@code target} parameter
	 */
	@GetMapping(ApiPaths.JOBS)
	JobListResponse list(@RequestParam(name = "limit", defaultValue = "20") int limit,
			@RequestParam(name = "cursor", required = false) @Nullable String cursor,
			@RequestParam(name = "target", defaultValue = "") List<String> documented, HttpServletRequest http) {
		List<String> targets = TargetParameters.of(http, "target");
		if (limit < 1 || limit > 1000) {
			throw new InvalidRequestException("limit must be between 1 and 1000, got " + limit);
		}
		return this.jobs.list(limit, cursor, Caller.of(http), targets);
	}

	/**
	 * Reads a job with every target's state and result.
	 * @param id the job's id
	 */
	@GetMapping(ApiPaths.JOB)
	JobResponse get(@PathVariable String id, HttpServletRequest http) {
		return this.jobs.get(id, Caller.of(http));
	}

	/**
	 * Cancels a job: queued targets never start, running ones are told to stop. Answers
	 * the job once the nodes told to stop have reported, or after a bounded wait.
	 * @param id the job's id
	 */
	@PostMapping(ApiPaths.JOB_CANCEL)
	JobResponse cancel(@PathVariable String id, HttpServletRequest http) {
		return this.jobs.cancel(id, Caller.of(http));
	}

	/**
	 * Follows a job as server-sent events (text/event-stream): each target's output as it
	 * comes, its state changes, and the job when it ends.
	 * @param id the job's id
	 * @param nodes whether to send each target's state changes ({@code node} events,
	 * starting with every target's current state); {@code false} sends only live output
	 * and the final job ({@code done}), which costs the brain far less on a job of
	 * thousands of nodes
	 */
	@GetMapping(path = ApiPaths.JOB_EVENTS, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(@PathVariable String id, @RequestParam(name = "nodes", defaultValue = "true") boolean nodes,
			HttpServletRequest http) {
		this.jobs.checkVisible(id, Caller.of(http));
		return this.eventStream.open(id, nodes);
	}

}
