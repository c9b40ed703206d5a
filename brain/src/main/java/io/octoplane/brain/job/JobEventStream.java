package io.octoplane.brain.job;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events of one job: first the current state of every target, then changes
 * and live output as nodes report them, then {@code done} with the final job. The
 * subscription is made before the snapshot is read, so nothing falls between the two (a
 * follower may see a state twice, never miss one).
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
	 * Opens a follower's stream; the caller has checked that the job is visible.
	 * @param id the job
	 * @return the stream
	 */
	public SseEmitter open(String id) {
		JobSpec spec = this.views.spec(id);
		SseEmitter emitter = new SseEmitter(MAX_FOLLOW.toMillis());
		Follower follower = new Follower(emitter);
		// Subscribed before the snapshot is read, so no event falls between the two; the
		// price is that "done" may come twice, which the follower ignores.
		JobEvents.Subscription subscription = this.events.subscribe(id, follower::send);
		ScheduledFuture<?> pings = this.keepAlive.scheduleWithFixedDelay(follower::ping, KEEP_ALIVE.toMillis(),
				KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
		Runnable cleanup = () -> {
			follower.ended();
			subscription.close();
			pings.cancel(false);
		};
		emitter.onCompletion(cleanup);
		emitter.onTimeout(cleanup);
		emitter.onError((ex) -> cleanup.run());
		JobResponse snapshot = this.views.response(spec);
		for (NodeCommandResult result : snapshot.results()) {
			follower.send("node", this.json.writeValueAsString(result));
		}
		if (snapshot.done()) {
			follower.send("done", this.json.writeValueAsString(snapshot));
		}
		return emitter;
	}

	/**
	 * One follower's stream. Events come from the Redis listener, the keep-alive timer
	 * and the request thread at once; sends are serialised and nothing is sent once the
	 * stream ended, so a late event is dropped instead of failing an ended response.
	 */
	private static final class Follower {

		private final SseEmitter emitter;

		private boolean ended;

		Follower(SseEmitter emitter) {
			this.emitter = emitter;
		}

		synchronized void send(String event, String data) {
			if (this.ended) {
				return;
			}
			try {
				this.emitter.send(SseEmitter.event().name(event).data(data, MediaType.APPLICATION_JSON));
				if ("done".equals(event)) {
					this.ended = true;
					this.emitter.complete();
				}
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
		}

	}

	@Override
	public void destroy() {
		this.keepAlive.shutdownNow();
	}

}
