package io.octoplane.client;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One connection to a job's events endpoint. The HTTP client pushes body lines in on its
 * own threads; the waiting thread pulls {@link Signal}s out with a time limit, so a
 * silent or dead connection can never block it past its deadline, and {@link #cancel()}
 * drops the connection without waiting for the server.
 */
final class EventStream implements HttpResponse.BodyHandler<Void>, Flow.Subscriber<String> {

	private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();

	private final SseParser parser = new SseParser();

	private volatile Flow.@Nullable Subscription subscription;

	private volatile boolean cancelled;

	private volatile @Nullable ResponseInfo info;

	@Override
	public BodySubscriber<Void> apply(ResponseInfo info) {
		this.info = info;
		String contentType = info.headers().firstValue("Content-Type").orElse("");
		if (info.statusCode() == 200 && contentType.startsWith("text/event-stream")) {
			return BodySubscribers.fromLineSubscriber(this, (subscriber) -> null, StandardCharsets.UTF_8, null);
		}
		return BodySubscribers.mapping(BodySubscribers.ofString(StandardCharsets.UTF_8), (body) -> {
			this.signals.add(new Signal.Refused(info.statusCode(), info.headers(), body));
			return null;
		});
	}

	/**
	 * Whether the brain's answer (status line and headers) arrived.
	 * @return {@code true} once the answer began
	 */
	boolean answered() {
		return this.info != null;
	}

	/**
	 * The brain's answer: status line and headers.
	 * @return the answer, or {@code null} until it began
	 */
	@Nullable ResponseInfo info() {
		return this.info;
	}

	/**
	 * Reports a failure of the exchange itself: no connection, TLS, no answer in time.
	 * @param failure what the HTTP client completed the exchange with
	 */
	void failed(Throwable failure) {
		this.signals.add(new Signal.Failed(failure));
	}

	/**
	 * Waits for the next signal.
	 * @param timeout the longest wait
	 * @return the signal, or {@code null} if none came in time
	 * @throws InterruptedException if the waiting thread was interrupted
	 */
	@Nullable Signal next(Duration timeout) throws InterruptedException {
		return this.signals.poll(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
	}

	/**
	 * Reads what is left of a stream the brain is about to end, so that the connection
	 * goes back to the client's pool instead of being dropped: a dropped connection costs
	 * the next call a new TLS handshake.
	 * @param timeout the longest wait for the end
	 * @return whether the stream ended in time
	 * @throws InterruptedException if the waiting thread was interrupted
	 */
	boolean drain(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Signal signal = next(Duration.ofNanos(deadline - System.nanoTime()));
			if (signal == null || signal instanceof Signal.Failed || signal instanceof Signal.Refused) {
				return false;
			}
			if (signal instanceof Signal.Ended) {
				return true;
			}
		}
	}

	/** Drops the connection; lines still in flight are discarded. */
	void cancel() {
		this.cancelled = true;
		Flow.Subscription current = this.subscription;
		if (current != null) {
			current.cancel();
		}
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		if (this.cancelled) {
			subscription.cancel();
			return;
		}
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(String line) {
		if (SseParser.isComment(line)) {
			this.signals.add(new Signal.KeepAlive());
		}
		this.parser.line(line).ifPresent((event) -> this.signals.add(new Signal.Event(event)));
	}

	@Override
	public void onError(Throwable failure) {
		this.signals.add(new Signal.Failed(failure));
	}

	@Override
	public void onComplete() {
		this.signals.add(new Signal.Ended());
	}

	/** What happened on the connection, in order. */
	sealed interface Signal {

		/** A complete event. */
		record Event(SseEvent event) implements Signal {
		}

		/** A comment line: the server is alive but has nothing to say. */
		record KeepAlive() implements Signal {
		}

		/** The server answered with something other than an event stream. */
		record Refused(int status, HttpHeaders headers, String body) implements Signal {
		}

		/** The connection could not be made or broke. */
		record Failed(Throwable failure) implements Signal {
		}

		/** The server ended the stream. */
		record Ended() implements Signal {
		}

	}

}
