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
class JobEventStream implements DisposableBean {

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

	SseEmitter open(String id) {
		this.views.response(id);
		SseEmitter emitter = new SseEmitter(MAX_FOLLOW.toMillis());
		JobEvents.Subscription subscription = this.events.subscribe(id, (event, data) -> {
			send(emitter, event, data);
			if ("done".equals(event)) {
				emitter.complete();
			}
		});
		ScheduledFuture<?> pings = this.keepAlive.scheduleWithFixedDelay(() -> ping(emitter), KEEP_ALIVE.toMillis(),
				KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
		Runnable cleanup = () -> {
			subscription.close();
			pings.cancel(false);
		};
		emitter.onCompletion(cleanup);
		emitter.onTimeout(cleanup);
		emitter.onError((ex) -> cleanup.run());
		JobResponse snapshot = this.views.response(id);
		for (NodeCommandResult result : snapshot.results()) {
			send(emitter, "node", this.json.writeValueAsString(result));
		}
		if (snapshot.done()) {
			send(emitter, "done", this.json.writeValueAsString(snapshot));
			emitter.complete();
		}
		return emitter;
	}

	private static void send(SseEmitter emitter, String event, String data) {
		try {
			emitter.send(SseEmitter.event().name(event).data(data, MediaType.APPLICATION_JSON));
		}
		catch (IOException | IllegalStateException ex) {
			// The follower went away or the stream already ended.
			emitter.completeWithError(ex);
		}
	}

	private static void ping(SseEmitter emitter) {
		try {
			emitter.send(SseEmitter.event().comment("keep-alive"));
		}
		catch (IOException | IllegalStateException ex) {
			emitter.completeWithError(ex);
		}
	}

	@Override
	public void destroy() {
		this.keepAlive.shutdownNow();
	}

}
