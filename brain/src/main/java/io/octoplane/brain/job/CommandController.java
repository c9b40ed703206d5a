package io.octoplane.brain.job;

import java.net.URI;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.octoplane.brain.security.AuditTargets;
import io.octoplane.brain.security.Caller;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.http.HttpGetSpec;
import io.octoplane.server.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Starts command jobs. The answer comes as soon as the job is stored: 202 with the job,
 * most targets {@code queued}; follow it at {@code /api/v1/jobs/{id}} or its events, or
 * in the same request with {@code ?follow=true}.
 */
@RestController
class CommandController {

	private static final Set<CommandMode> FILE_MODES = EnumSet.of(CommandMode.FILE_RECEIVE, CommandMode.FILE_SEND,
			CommandMode.FILE_LIST);

	private static final JsonMapper SPEC_READER = JsonMapper.builder().build();

	private final JobService jobs;

	private final JobEventStream eventStream;

	CommandController(JobService jobs, JobEventStream eventStream) {
		this.jobs = jobs;
		this.eventStream = eventStream;
	}

	/**
	 * Starts a command job on the target nodes (names, ALL, @group). Answers 202 with the
	 * job; its results and live output are read under /api/v1/jobs/{id}.
	 */
	@PostMapping(ApiPaths.COMMANDS)
	ResponseEntity<JobResponse> run(@RequestBody CommandRequest request, HttpServletRequest http) {
		check(request, http);
		JobResponse job = this.jobs.submit(request, Caller.of(http));
		return ResponseEntity.accepted().location(URI.create(ApiPaths.JOBS + "/" + job.id())).body(job);
	}

	/**
	 * Starts a command job and follows it in the same request ({@code ?follow=true}): the
	 * answer is the job's event stream (text/event-stream), beginning with
	 * {@code accepted} (the job as a 202 answer carries it), then as {@code GET
	 * /api/v1/jobs/{id}/events} with the same {@code nodes} choice. One request instead
	 * of two, and the stream misses none of the job's first changes. A request the brain
	 * refuses is answered with problem details, as without {@code follow}.
	 * @param nodes whether to send each target's state changes ({@code node} events)
	 */
	@PostMapping(path = ApiPaths.COMMANDS, params = "follow=true")
	SseEmitter runAndFollow(@RequestBody CommandRequest request,
			@RequestParam(name = "nodes", defaultValue = "true") boolean nodes, HttpServletRequest http,
			HttpServletResponse response) {
		check(request, http);
		Caller caller = Caller.of(http);
		JobSpec spec = this.jobs.plan(request, caller);
		SseEmitter stream = this.eventStream.openNew(spec, nodes,
				(follower) -> this.jobs.accept(spec, caller.name(), follower));
		// Stored: a client whose stream breaks before the first event still knows the
		// job.
		response.setHeader(HttpHeaders.LOCATION, ApiPaths.JOBS + "/" + spec.id());
		return stream;
	}

	private static void check(CommandRequest request, HttpServletRequest http) {
		AuditTargets.set(http, request.targets());
		if (FILE_MODES.contains(request.mode())) {
			// File jobs carry transfer tokens the file
			// API issues; only it may start them.
			throw new InvalidRequestException("mode " + request.mode().name().toLowerCase(Locale.ROOT).replace('_', '-')
					+ " is for file transfers only: use octl file");
		}
		if (request.mode() == CommandMode.HTTP_GET) {
			requireHttpGetSpec(request.command());
		}
	}

	/**
	 * An http-get job's command text must be a valid {@link HttpGetSpec}: a node would
	 * fail it anyway, but the operator learns of a typo before it went to a whole fleet.
	 */
	private static void requireHttpGetSpec(String command) {
		try {
			SPEC_READER.readValue(command, HttpGetSpec.class);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new InvalidRequestException(
					"an http-get command must be {\"url\": http(s) URL, \"maxBodyBytes\": n, \"timeoutMillis\": n}: "
							+ ex.getMessage());
		}
	}

}
