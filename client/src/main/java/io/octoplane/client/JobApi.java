package io.octoplane.client;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.StringJoiner;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.JobListResponse;
import io.octoplane.protocol.api.JobResponse;
import org.jspecify.annotations.Nullable;

/**
 * Commands of an {@link OctoplaneClient}: a job runs one command on its targets; start
 * it, read it, list jobs, cancel one, or follow one to its end.
 */
public final class JobApi {

	/** Most jobs {@link #list(int)} can list at once. */
	public static final int MAX_JOBS = 1000;

	private final Transport transport;

	JobApi(Transport transport) {
		this.transport = transport;
	}

	Transport transport() {
		return this.transport;
	}

	/**
	 * Starts a job ({@code POST /api/v1/commands}). The brain answers at once: targets
	 * are {@code queued}, or already {@code expired} when offline without
	 * {@code wait_offline_seconds}. Follow the job with {@link #await}.
	 * @param request the command and its targets
	 * @return the accepted job
	 * @throws OctoplaneApiException with {@code invalid-request} if the brain refused the
	 * request
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public JobResponse submit(CommandRequest request) {
		byte[] body = this.transport.mapper().writeValueAsBytes(request);
		HttpRequest.Builder post = this.transport.request(ApiPaths.COMMANDS, new StringJoiner("&"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		return this.transport.send(post, this.transport.requestTimeout(), JobResponse.class);
	}

	/**
	 * Starts a job and waits until it is done, in one request
	 * ({@code POST /api/v1/commands?follow=true}, answered with the job's event stream):
	 * one round trip less than {@link #submit} then {@link #await}, and the same outcome.
	 * The listener hears {@link JobListener#onAccepted} first. If the stream breaks once
	 * the job is stored, the job is followed as {@link #await} does; a brain that answers
	 * the start without a stream (an older one) is followed the same way.
	 * @param request the command and its targets
	 * @param timeout how long to wait in total, positive
	 * @param listener receives the accepted job, node states and output on the calling
	 * thread
	 * @return the final job
	 * @throws OctoplaneApiException with {@code invalid-request} if the brain refused the
	 * request
	 * @throws OctoplaneConnectionException if the brain could not be reached, or the
	 * calling thread was interrupted
	 * @throws JobTimeoutException if the job was not done in time; it keeps running
	 */
	public JobResponse run(CommandRequest request, Duration timeout, JobListener listener) {
		Objects.requireNonNull(request, "request must not be null");
		Objects.requireNonNull(listener, "listener must not be null");
		OctoplaneClient.Builder.positive(timeout, "timeout");
		JobWatch watch = new JobWatch(this, null, timeout, listener);
		byte[] body = this.transport.mapper().writeValueAsBytes(request);
		StringJoiner query = new StringJoiner("&").add("follow=true");
		if (!listener.wantsNodeStates()) {
			query.add("nodes=false");
		}
		HttpRequest start = this.transport.request(ApiPaths.COMMANDS, query)
			.header("Content-Type", "application/json")
			.setHeader("Accept", "text/event-stream, application/problem+json, application/json")
			.timeout(shorter(this.transport.requestTimeout(), timeout))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		return watch.run(start);
	}

	private static Duration shorter(Duration one, Duration other) {
		return (one.compareTo(other) < 0) ? one : other;
	}

	/**
	 * Reads a job with every target's state and result ({@code GET /api/v1/jobs/{id}}).
	 * @param id the job id
	 * @return the job
	 * @throws OctoplaneApiException with {@code job-not-found} if the brain does not know
	 * it
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public JobResponse get(String id) {
		return get(id, this.transport.requestTimeout());
	}

	/**
	 * Lists the most recent jobs, newest first ({@code GET /api/v1/jobs}).
	 * @param limit how many at most, 1 to {@value #MAX_JOBS}
	 * @return the jobs' counters
	 * @throws IllegalArgumentException if the limit is out of range
	 * @throws OctoplaneApiException if the brain answered with an error
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public JobListResponse list(int limit) {
		return list(limit, null);
	}

	/**
	 * Lists one page of jobs, newest first ({@code GET /api/v1/jobs}). Jobs created while
	 * paging never shift a later page: a cursor neither repeats nor skips a job.
	 * @param limit how many at most, 1 to {@value #MAX_JOBS}
	 * @param cursor the previous page's {@code nextCursor}, or {@code null} for the
	 * newest
	 * @return the page; its {@code nextCursor} is {@code null} on the last one
	 * @throws IllegalArgumentException if the limit is out of range
	 * @throws OctoplaneApiException if the brain answered with an error
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public JobListResponse list(int limit, @Nullable String cursor) {
		StringJoiner query = Transport.pageQuery(limit, MAX_JOBS, cursor);
		return this.transport.send(this.transport.request(ApiPaths.JOBS, query).GET(), this.transport.requestTimeout(),
				JobListResponse.class);
	}

	/**
	 * Cancels a job ({@code POST /api/v1/jobs/{id}/cancel}): targets not yet final end
	 * {@code cancelled}. Cancelling a finished job changes nothing.
	 * @param id the job id
	 * @return the job, {@code cancelled}, or {@code completed} if it had already finished
	 * @throws OctoplaneApiException with {@code job-not-found} if the brain does not know
	 * it
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public JobResponse cancel(String id) {
		HttpRequest.Builder post = this.transport
			.request(Transport.jobPath(ApiPaths.JOB_CANCEL, id), new StringJoiner("&"))
			.POST(HttpRequest.BodyPublishers.noBody());
		return this.transport.send(post, this.transport.requestTimeout(), JobResponse.class);
	}

	/**
	 * Waits until a job is done, following its event stream ({@code GET
	 * /api/v1/jobs/{id}/events}) and reporting node states and live output to the
	 * listener. When the stream cannot be opened or breaks, for example while the brain
	 * restarts, it polls the job every 0.5 to 5 seconds and re-opens the stream as soon
	 * as it can, so the final result arrives as long as the brain comes back in time.
	 * @param id the job id
	 * @param timeout how long to wait in total, positive
	 * @param listener receives node states and output on the calling thread
	 * @return the final job
	 * @throws JobTimeoutException if the job was not done in time; it keeps running
	 * @throws OctoplaneApiException with {@code job-not-found} if the brain does not know
	 * the job, or on an authentication error
	 * @throws OctoplaneConnectionException if the calling thread was interrupted
	 */
	public JobResponse await(String id, Duration timeout, JobListener listener) {
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(listener, "listener must not be null");
		OctoplaneClient.Builder.positive(timeout, "timeout");
		return new JobWatch(this, id, timeout, listener).await();
	}

	/**
	 * Lists one page of the jobs sent to any node a target list stands for now
	 * ({@code GET
	 * /api/v1/jobs?target=...}), newest first.
	 * @param limit how many at most, 1 to {@value #MAX_JOBS}
	 * @param cursor the previous page's {@code nextCursor}, or {@code null} for the
	 * newest
	 * @param targets node names, {@code @group}s and {@link NodeLabelApi#target}s
	 * @return the page
	 * @throws IllegalArgumentException if the limit is out of range
	 * @throws OctoplaneApiException with {@code invalid-request} if a selector matches no
	 * node
	 */
	public JobListResponse list(int limit, @Nullable String cursor, Collection<String> targets) {
		StringJoiner query = Transport.pageQuery(limit, MAX_JOBS, cursor);
		targets.forEach((target) -> query.add(Transport.param("target", target)));
		return this.transport.send(this.transport.request(ApiPaths.JOBS, query).GET(), this.transport.requestTimeout(),
				JobListResponse.class);
	}

	JobResponse get(String id, Duration timeout) {
		return this.transport.send(
				this.transport.request(Transport.jobPath(ApiPaths.JOB, id), new StringJoiner("&")).GET(), timeout,
				JobResponse.class);
	}

	HttpRequest eventsRequest(String id, Duration timeout, boolean nodes) {
		// A brain that does not know the parameter sends every event; JobWatch copes.
		StringJoiner query = new StringJoiner("&");
		if (!nodes) {
			query.add("nodes=false");
		}
		return this.transport.request(Transport.jobPath(ApiPaths.JOB_EVENTS, id), query)
			.setHeader("Accept", "text/event-stream, application/problem+json")
			.timeout(timeout)
			.GET()
			.build();
	}

}
