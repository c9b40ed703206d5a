package io.octoplane.testsupport.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import com.sun.net.httpserver.HttpExchange;

/**
 * What {@link StubBrain} writes on one event stream connection: events, keep-alive
 * comments, pauses, gates that wait for the client to show something, and an abrupt drop
 * of the connection. A script that ends without a drop closes the stream normally.
 */
public final class SseScript {

	private static final Duration GATE_LIMIT = Duration.ofSeconds(10);

	private final List<Step> steps = new ArrayList<>();

	private final AtomicInteger unmetGates = new AtomicInteger();

	private final Map<String, String> headers = new LinkedHashMap<>();

	public static SseScript script() {
		return new SseScript();
	}

	/** A header of the stream's answer, such as the {@code Location} of a started job. */
	public SseScript header(String name, String value) {
		this.headers.put(name, value);
		return this;
	}

	/** An event whose data is the value as one line of JSON. */
	public SseScript event(String type, Object data) {
		return raw("event: " + type + "\ndata: " + StubJson.MAPPER.writeValueAsString(data) + "\n\n");
	}

	/** An event whose data is the value as pretty JSON, one data field per line. */
	public SseScript multiLineEvent(String type, Object data) {
		String json = StubJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(data);
		StringBuilder text = new StringBuilder("event: ").append(type).append('\n');
		json.lines().forEach((line) -> text.append("data:").append(line).append('\n'));
		return raw(text.append('\n').toString());
	}

	public SseScript comment(String text) {
		return raw(":" + text + "\n\n");
	}

	public SseScript raw(String text) {
		this.steps.add((out) -> {
			out.write(text.getBytes(StandardCharsets.UTF_8));
			out.flush();
		});
		return this;
	}

	public SseScript pause(Duration duration) {
		this.steps.add((out) -> sleep(duration.toMillis()));
		return this;
	}

	/**
	 * Waits until the condition holds (at most 10 s, counted in {@link #unmetGates()}).
	 */
	public SseScript until(BooleanSupplier condition) {
		this.steps.add((out) -> {
			long deadline = System.nanoTime() + GATE_LIMIT.toNanos();
			while (!condition.getAsBoolean()) {
				if (System.nanoTime() > deadline) {
					this.unmetGates.incrementAndGet();
					return;
				}
				sleep(20);
			}
		});
		return this;
	}

	/** Runs an action at this point of the stream, such as taking the brain down. */
	public SseScript then(Runnable action) {
		this.steps.add((out) -> action.run());
		return this;
	}

	/** Breaks the connection without ending the chunked body, as a killed brain would. */
	public SseScript drop() {
		this.steps.add((out) -> {
			throw new IOException("stub brain drops the connection");
		});
		return this;
	}

	/** How many {@link #until} gates gave up waiting. */
	public int unmetGates() {
		return this.unmetGates.get();
	}

	void play(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		this.headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		for (Step step : this.steps) {
			// An IOException leaves the exchange unclosed: the server then closes the
			// connection without the final chunk.
			step.run(out);
		}
		exchange.close();
	}

	private static void sleep(long millis) throws IOException {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

	@FunctionalInterface
	private interface Step {

		void run(OutputStream out) throws IOException;

	}

}
