package io.octoplane.client;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.protocol.api.NodeOutputEvent;
import io.octoplane.protocol.retry.Backoff;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Waits for one job: follows its event stream and, whenever the stream cannot be opened
 * or breaks (a brain restart, a proxy timeout), polls the job with {@link Backoff} and
 * re-opens the stream, until the job is done or the deadline passes. Node states are
 * de-duplicated, because every new stream starts by repeating all of them.
 */
final class JobWatch {

	/**
	 * A stream silent for this long is presumed dead (a peer that vanished without
	 * closing); the brain sends keep-alive comments far more often.
	 */
	private static final Duration IDLE_LIMIT = Duration.ofSeconds(60);

	/**
	 * The brain ends a job's stream right after "done"; reading that end lets the
	 * connection be reused. The end normally follows within a millisecond; the bound only
	 * matters behind a proxy that holds finished streams open.
	 */
	private static final Duration STREAM_END_GRACE = Duration.ofMillis(500);

	/** Time allowed for one last look at the job once the deadline has passed. */
	private static final Duration LAST_LOOK = Duration.ofSeconds(5);

	private final JobApi jobs;

	/** The job, once known: given, or learnt from the brain that started it. */
	private @Nullable String id;

	private final Duration timeout;

	private final JobListener listener;

	private final long deadline;

	private final Map<String, String> states = new HashMap<>();

	private @Nullable JobResponse last;

	/**
	 * Whether the listener heard of the job: at once when it was given, else once seen.
	 */
	private boolean announced;

	private boolean polling;

	JobWatch(JobApi jobs, @Nullable String id, Duration timeout, JobListener listener) {
		this.jobs = jobs;
		this.id = id;
		this.timeout = timeout;
		this.listener = listener;
		this.deadline = System.nanoTime() + timeout.toNanos();
		this.announced = id != null;
	}

	/**
	 * Waits for the job given at construction.
	 * @return the final job
	 */
	JobResponse await() {
		return awaitFrom(null);
	}

	/**
	 * Starts a job and waits for it, following its events from the same request. A brain
	 * that answers the start without a stream (one that predates it) is followed as
	 * {@link #await()} does; a start the brain refuses, or that gets no answer, fails as
	 * {@link JobApi#submit} does.
	 * @param start the request that starts the job and streams its events
	 * @return the final job
	 */
	JobResponse run(HttpRequest start) {
		return awaitFrom(follow(start));
	}

	private JobResponse awaitFrom(@Nullable StreamEnd first) {
		Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5), RandomGenerator.getDefault());
		boolean streaming = true;
		StreamEnd pending = first;
		while (true) {
			if (streaming) {
				StreamEnd end = (pending != null) ? pending : follow(this.jobs.eventsRequest(id(),
						shorter(this.jobs.transport().requestTimeout()), this.listener.wantsNodeStates()));
				pending = null;
				if (end.job() != null) {
					return finish(end.job());
				}
				if (end.reopen()) {
					continue;
				}
				if (end.alive()) {
					backoff.reset();
					this.polling = false;
				}
				streaming = !end.permanent();
				lost(end.reason());
			}
			JobResponse job = poll();
			if (job != null && job.done()) {
				return finish(job);
			}
			JobResponse expired = pause(backoff.next());
			if (expired != null) {
				return finish(expired);
			}
		}
	}

	private String id() {
		String known = this.id;
		if (known == null) {
			throw new IllegalStateException("the job's id is not known yet");
		}
		return known;
	}

	private StreamEnd follow(HttpRequest request) {
		EventStream stream = new EventStream();
		CompletableFuture<HttpResponse<Void>> exchange = this.jobs.transport().http().sendAsync(request, stream);
		exchange.whenComplete((response, failure) -> {
			if (failure != null) {
				stream.failed(failure);
			}
		});
		boolean alive = false;
		boolean ended = false;
		try {
			while (true) {
				EventStream.Signal signal = stream.next(shorter(IDLE_LIMIT));
				if (this.id == null) {
					signal = startAnswered(request, stream, signal);
				}
				if (signal == null) {
					if (remaining().isZero()) {
						return StreamEnd.done(expire());
					}
					return StreamEnd.broken(alive,
							"no data from the brain for " + IDLE_LIMIT.toSeconds() + "s on the event stream");
				}
				switch (signal) {
					case EventStream.Signal.KeepAlive ignored -> alive = true;
					case EventStream.Signal.Event(SseEvent event) -> {
						alive = true;
						try {
							JobResponse done = handle(event);
							if (done != null) {
								ended = stream.drain(STREAM_END_GRACE);
								return StreamEnd.done(done);
							}
						}
						catch (JacksonException ex) {
							return StreamEnd.broken(alive, "unreadable '" + event.type() + "' event from the brain: "
									+ ex.getOriginalMessage());
						}
					}
					case EventStream.Signal.Refused refused -> {
						return refused(refused);
					}
					case EventStream.Signal.Failed(Throwable failure) -> {
						return StreamEnd.broken(alive, describe(failure, alive, stream.answered()));
					}
					case EventStream.Signal.Ended ignored -> {
						return StreamEnd.broken(alive, "the brain closed the event stream before the job was done");
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw OctoplaneConnectionException.interrupted(this.jobs.transport().baseUri(), ex);
		}
		finally {
			if (!ended) {
				stream.cancel();
				exchange.cancel(true);
			}
		}
	}

	/**
	 * Reads the answer to a start: a stream that began names the job in its
	 * {@code Location}, so that the job can still be followed if the stream breaks before
	 * its first event; a start that failed before any answer throws, as a failed submit
	 * does. An older brain's plain answer is passed on as the signal it is.
	 */
	private EventStream.@Nullable Signal startAnswered(HttpRequest request, EventStream stream,
			EventStream.@Nullable Signal signal) {
		HttpResponse.ResponseInfo info = stream.info();
		if (info != null && info.statusCode() == 200) {
			info.headers().firstValue("Location").ifPresent((location) -> this.id = lastSegment(location));
		}
		if (this.id != null || signal instanceof EventStream.Signal.Event
				|| signal instanceof EventStream.Signal.Refused || signal instanceof EventStream.Signal.KeepAlive) {
			return signal;
		}
		IOException failure = (signal instanceof EventStream.Signal.Failed(Throwable cause)
				&& cause instanceof IOException io) ? io
						: new IOException((signal instanceof EventStream.Signal.Failed(Throwable cause))
								? cause.toString() : "no answer to the start of the job");
		throw this.jobs.transport().failure(request, failure, info);
	}

	private static String lastSegment(String location) {
		return URLDecoder.decode(location.substring(location.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
	}

	private void accepted(JobResponse job) {
		this.id = job.id();
		this.last = job;
		announce(job);
	}

	/**
	 * Tells the listener of a started job before anything else, even when the stream that
	 * started it broke before its first event and the job was then read instead.
	 */
	private void announce(JobResponse job) {
		if (!this.announced) {
			this.announced = true;
			this.listener.onAccepted(job);
		}
	}

	private @Nullable JobResponse handle(SseEvent event) {
		switch (event.type()) {
			case "accepted" -> accepted(this.jobs.transport().mapper().readValue(event.data(), JobResponse.class));
			case "node" -> {
				// A brain that predates the choice sends them all the same.
				if (this.listener.wantsNodeStates()) {
					node(this.jobs.transport().mapper().readValue(event.data(), NodeCommandResult.class));
				}
			}
			case "output" ->
				this.listener.onOutput(this.jobs.transport().mapper().readValue(event.data(), NodeOutputEvent.class));
			case "done" -> {
				return this.jobs.transport().mapper().readValue(event.data(), JobResponse.class);
			}
			default -> {
				// Event types added by a newer brain are not for this client.
			}
		}
		return null;
	}

	private StreamEnd refused(EventStream.Signal.Refused refused) {
		if (this.id == null) {
			if (refused.status() / 100 == 2) {
				// A brain that predates following a start answered it as a submit.
				JobResponse job;
				try {
					job = this.jobs.transport().mapper().readValue(refused.body(), JobResponse.class);
				}
				catch (JacksonException ex) {
					throw ProblemResponses.unreadable(refused.status(), ex);
				}
				accepted(job);
				return job.done() ? StreamEnd.done(job) : StreamEnd.REOPEN;
			}
			throw ProblemResponses.toException(refused.status(), refused.headers(), refused.body(),
					this.jobs.transport().mapper());
		}
		OctoplaneApiException problem = ProblemResponses.toException(refused.status(), refused.headers(),
				refused.body(), this.jobs.transport().mapper());
		int status = refused.status();
		if (problem.errorCode().filter(ErrorCode.JOB_NOT_FOUND::equals).isPresent() || status == 401 || status == 403) {
			throw problem;
		}
		// Another client error means this brain (or a proxy)
		// does not serve event streams: polling alone still gets
		// the result. Server errors may pass, so keep trying.
		return new StreamEnd(null, false, status / 100 == 4, "event stream refused: " + problem.getMessage());
	}

	private @Nullable JobResponse poll() {
		try {
			JobResponse job = this.jobs.get(id(), shorter(this.jobs.transport().requestTimeout()));
			this.last = job;
			announce(job);
			job.results().forEach(this::node);
			return job;
		}
		catch (OctoplaneConnectionException ex) {
			if (ex.reason() == OctoplaneConnectionException.Reason.INTERRUPTED) {
				throw ex;
			}
			lost(ex.getMessage());
			return null;
		}
		catch (OctoplaneApiException ex) {
			if (ex.httpStatus() >= 500) {
				lost(ex.getMessage());
				return null;
			}
			throw ex;
		}
	}

	private @Nullable JobResponse pause(Duration delay) {
		Duration wait = shorter(delay);
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw OctoplaneConnectionException.interrupted(this.jobs.transport().baseUri(), ex);
		}
		return remaining().isZero() ? expire() : null;
	}

	/**
	 * The deadline passed: one last look, so the caller gets the freshest state (and the
	 * result, if the job finished in the meantime).
	 */
	private JobResponse expire() {
		try {
			this.last = this.jobs.get(id(), LAST_LOOK);
		}
		catch (OctoplaneException ex) {
			// The last state seen before is the best there is.
		}
		if (this.last != null && this.last.done()) {
			return this.last;
		}
		throw new JobTimeoutException(id(), this.timeout, this.last);
	}

	private JobResponse finish(JobResponse job) {
		this.last = job;
		announce(job);
		// Events may have been missed during an outage; the final answer fills them in.
		job.results().forEach(this::node);
		return job;
	}

	private void node(NodeCommandResult result) {
		String previous = this.states.put(result.name(), result.state());
		if (!result.state().equals(previous)) {
			this.listener.onNode(result);
		}
	}

	private void lost(String reason) {
		if (!this.polling) {
			this.polling = true;
			this.listener.onStreamLost(reason);
		}
	}

	private String describe(Throwable failure, boolean alive, boolean answered) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		if (alive) {
			// A stream that carried data got past TLS, so the connection hints about
			// certificates would mislead: the brain went away.
			return "the event stream from " + this.jobs.transport().baseUri() + " broke: "
					+ ((root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName());
		}
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (current instanceof IOException io) {
				return OctoplaneConnectionException.of(this.jobs.transport().baseUri(), io, answered).getMessage();
			}
		}
		return "the event stream failed: " + root;
	}

	private Duration remaining() {
		long left = this.deadline - System.nanoTime();
		return (left > 0) ? Duration.ofNanos(left) : Duration.ZERO;
	}

	private Duration shorter(Duration limit) {
		Duration left = remaining();
		Duration wait = (left.compareTo(limit) < 0) ? left : limit;
		// The HTTP client refuses a zero timeout; a millisecond fails just as fast.
		return wait.isZero() ? Duration.ofMillis(1) : wait;
	}

	/**
	 * How one stream ended.
	 *
	 * @param job the final job, when the stream delivered it
	 * @param alive whether the stream carried anything before it ended; one that breaks
	 * right after opening does not reset the backoff, or a brain that keeps accepting and
	 * dropping streams would be hammered
	 * @param permanent whether re-opening is pointless (the brain serves no streams)
	 * @param reason why it ended without the final job, for people
	 */
	private record StreamEnd(@Nullable JobResponse job, boolean alive, boolean permanent, String reason) {

		/** The start was answered without a stream: open one, nothing was lost. */
		static final StreamEnd REOPEN = new StreamEnd(null, true, false, "answered without a stream");

		static StreamEnd done(JobResponse job) {
			return new StreamEnd(job, true, false, "done");
		}

		static StreamEnd broken(boolean alive, String reason) {
			return new StreamEnd(null, alive, false, reason);
		}

		boolean reopen() {
			return this == REOPEN;
		}

	}

}
