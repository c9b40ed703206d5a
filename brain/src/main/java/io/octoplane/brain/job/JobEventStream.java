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

import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
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
		SseEmitter emitter = new SseEmitter(MAX_FOLLOW.toMillis());
		Follower follower = new Follower(emitter);
		// Subscribed before the snapshot is read, so no event falls between the two; the
		// price is that "done" may come twice, which the follower ignores.
		JobEvents.Subscription subscription = this.events.subscribe(id, nodes, follower::send);
		ScheduledFuture<?> pings = this.keepAlive.scheduleWithFixedDelay(follower::ping, KEEP_ALIVE.toMillis(),
				KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
		AtomicBoolean closed = new AtomicBoolean();
		Runnable cleanup = () -> {
			follower.ended();
			if (closed.compareAndSet(false, true)) {
				subscription.close();
				pings.cancel(false);
			}
		};
		// An emitter completed before Spring took it over never calls its callbacks,
		// so the follower ends the subscription itself once it completed the stream.
		follower.onEnd(cleanup);
		emitter.onCompletion(cleanup);
		emitter.onTimeout(cleanup);
		emitter.onError((ex) -> cleanup.run());
		if (nodes) {
			JobResponse snapshot = this.views.response(spec);
			List<String> states = new ArrayList<>(snapshot.results().size());
			for (NodeCommandResult result : snapshot.results()) {
				states.add(this.json.writeValueAsString(result));
			}
			follower.send("node", states);
			if (snapshot.done()) {
				follower.send("done", List.of(this.json.writeValueAsString(snapshot)));
			}
		}
		else if (this.views.finished(id)) {
			// Only a finished job is read whole: a follower of the end alone costs
			// one read of the job's header until then.
			follower.send("done", List.of(this.json.writeValueAsString(this.views.response(spec))));
		}
		return emitter;
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

		private final SseEmitter emitter;

		private boolean ended;

		private Runnable onEnd = () -> {
		};

		Follower(SseEmitter emitter) {
			this.emitter = emitter;
		}

		synchronized void onEnd(Runnable onEnd) {
			this.onEnd = onEnd;
		}

		synchronized void send(String event, List<String> data) {
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

	@Override
	public void destroy() {
		this.keepAlive.shutdownNow();
	}

}
