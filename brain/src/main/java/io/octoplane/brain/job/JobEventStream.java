package io.octoplane.brain.job;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events of one job: first the current state of every target, then changes
 * and live output as nodes report them, then {@code done} with the final job; or, for a
 * follower that asked for the end only, live output and {@code done}. The subscription is
 * made before the snapshot is read, so nothing falls between the two (a follower may see
 * a state twice, never miss one).
 */
@Component
public class JobEventStream implements DisposableBean {

	private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

	private static final Duration MAX_FOLLOW = Duration.ofHours(24);

	private final JobEvents events;

	private final JobViews views;

	private final JsonMapper json;

	private final ScheduledExecutorService keepAlive = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("sse-keepalive").daemon().factory());

	JobEventStream(JobEvents events, JobViews views, JsonMapper json) {
		this.events = events;
		this.views = views;
		this.json = json;
	}

	/**
	 * Opens a follower's stream with every event; the caller has checked that the job is
	 * visible.
	 * @param id the job
	 * @return the stream
	 */
	public SseEmitter open(String id) {
		return open(id, true);
	}

	/**
	 * Opens a follower's stream; the caller has checked that the job is visible.
	 * @param id the job
	 * @param nodes whether to send the targets' states ({@code node} events); without
	 * them the stream carries live output and the final job only
	 * @return the stream
	 */
	public SseEmitter open(String id, boolean nodes) {
		JobSpec spec = this.views.spec(id);
		Follower follower = new Follower(new SseEmitter(MAX_FOLLOW.toMillis()), false);
		// Subscribed before the snapshot is read, so no event falls between the two; the
		// price is that "done" may come twice, which the follower ignores.
		follower.attach(this.events.subscribe(id, nodes, follower::send), this.keepAlive);
		if (nodes) {
			JobResponse snapshot = this.views.response(spec);
			follower.send("node", states(snapshot));
			if (snapshot.done()) {
				follower.send("done", List.of(this.json.writeValueAsString(snapshot)));
			}
		}
		else if (this.views.finished(id)) {
			// Only a finished job is read whole: a follower of the end alone costs
			// one read of the job's header until then.
			follower.send("done", List.of(this.json.writeValueAsString(this.views.response(spec))));
		}
		return follower.emitter;
	}

	/**
	 * Stores a new job and opens a stream of its events, so that a client starts a job
	 * and follows it in one request. The subscription is made before the job is stored,
	 * and the follower is counted with the job itself, so even the job's first changes
	 * reach the stream, and nothing is read back: the stream begins with {@code accepted}
	 * (the job as stored, as a 202 answer would carry it), then, if asked for, every
	 * target's first state as {@code node} events, then what
	 * {@link #open(String, boolean)} sends. Events that arrive before {@code accepted} is
	 * sent wait for it.
	 * @param spec the job, checked and not yet stored
	 * @param nodes whether to send the targets' states
	 * @param store stores the job counting the given follower, and answers it as
	 * accepted; what it throws is thrown here, with nothing left subscribed
	 * @return the stream
	 */
	public SseEmitter openNew(JobSpec spec, boolean nodes, Function<JobRepository.Follower, JobResponse> store) {
		Follower follower = new Follower(new SseEmitter(MAX_FOLLOW.toMillis()), true);
		JobEvents.Subscription subscription = this.events.subscribeBeforeCreate(spec.id(), nodes, follower::send);
		JobResponse accepted;
		try {
			accepted = store.apply(nodes ? JobRepository.Follower.NODE_EVENTS : JobRepository.Follower.END_ONLY);
		}
		catch (RuntimeException ex) {
			subscription.close();
			throw ex;
		}
		follower.attach(subscription, this.keepAlive);
		String job = this.json.writeValueAsString(accepted);
		List<Held> first = new ArrayList<>(3);
		first.add(new Held("accepted", List.of(job)));
		if (nodes) {
			first.add(new Held("node", states(accepted)));
		}
		if (accepted.done()) {
			first.add(new Held("done", List.of(job)));
		}
		follower.release(first);
		return follower.emitter;
	}

	private List<String> states(JobResponse job) {
		List<String> states = new ArrayList<>(job.results().size());
		for (NodeCommandResult result : job.results()) {
			states.add(this.json.writeValueAsString(result));
		}
		return states;
	}

	/**
	 * One follower's stream. Events come from the Redis listener, the keep-alive timer
	 * and the request thread at once; sends are serialised and nothing is sent once the
	 * stream ended, so a late event is dropped instead of failing an ended response. The
	 * events of one batch go out in one write, so the node events of a settle step of
	 * thousands of nodes cost one flush, not one each.
	 */
	private static final class Follower {

		/** Most events written at once: bounds the text a batch is built into. */
		private static final int MAX_WRITE = 1000;

		final SseEmitter emitter;

		private boolean ended;

		/**
		 * Events held back until the first one is released, or {@code null} once it is.
		 */
		private @Nullable List<Held> held;

		private Runnable onEnd = () -> {
		};

		/**
		 * A follower.
		 * @param emitter the stream
		 * @param holding whether events wait for {@link #release}
		 */
		Follower(SseEmitter emitter, boolean holding) {
			this.emitter = emitter;
			this.held = holding ? new ArrayList<>() : null;
		}

		/**
		 * Ties the subscription and keep-alive pings to the stream's life.
		 * @param subscription the follower's subscription
		 * @param keepAlive the timer of the pings
		 */
		void attach(JobEvents.Subscription subscription, ScheduledExecutorService keepAlive) {
			ScheduledFuture<?> pings = keepAlive.scheduleWithFixedDelay(this::ping, KEEP_ALIVE.toMillis(),
					KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
			AtomicBoolean closed = new AtomicBoolean();
			Runnable cleanup = () -> {
				ended();
				if (closed.compareAndSet(false, true)) {
					subscription.close();
					pings.cancel(false);
				}
			};
			// An emitter completed before Spring took it over never calls its callbacks,
			// so the follower ends the subscription itself once it completed the stream.
			onEnd(cleanup);
			this.emitter.onCompletion(cleanup);
			this.emitter.onTimeout(cleanup);
			this.emitter.onError((ex) -> cleanup.run());
		}

		private synchronized void onEnd(Runnable onEnd) {
			this.onEnd = onEnd;
		}

		/**
		 * Sends the first events, then those held back meanwhile.
		 * @param first the first events
		 */
		synchronized void release(List<Held> first) {
			List<Held> waiting = (this.held != null) ? this.held : List.of();
			this.held = null;
			first.forEach((one) -> send(one.event(), one.data()));
			waiting.forEach((one) -> send(one.event(), one.data()));
		}

		synchronized void send(String event, List<String> data) {
			if (this.held != null) {
				this.held.add(new Held(event, data));
				return;
			}
			for (int from = 0; from < data.size() && !this.ended; from += MAX_WRITE) {
				write(event, data.subList(from, Math.min(data.size(), from + MAX_WRITE)));
			}
			if ("done".equals(event) && !this.ended && !data.isEmpty()) {
				this.ended = true;
				this.emitter.complete();
				this.onEnd.run();
			}
		}

		private void write(String event, List<String> data) {
			try {
				this.emitter.send(ServerSentEvents.of(event, data));
			}
			catch (IOException | IllegalStateException ex) {
				failed();
			}
		}

		synchronized void ping() {
			if (this.ended) {
				return;
			}
			try {
				this.emitter.send(SseEmitter.event().comment("keep-alive"));
			}
			catch (IOException | IllegalStateException ex) {
				failed();
			}
		}

		synchronized void ended() {
			this.ended = true;
		}

		private void failed() {
			// The follower went away: end the stream quietly; there is nobody to tell.
			this.ended = true;
			this.emitter.complete();
			this.onEnd.run();
		}

	}

	/** An event that waits for the first one. */
	private record Held(String event, List<String> data) {
	}

	@Override
	public void destroy() {
		this.keepAlive.shutdownNow();
	}

}
