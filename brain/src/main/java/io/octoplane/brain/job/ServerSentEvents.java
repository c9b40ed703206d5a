package io.octoplane.brain.job;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;

/**
 * Several events of one name as one piece of an event stream, so that an emitter writes
 * and flushes them at once. The text is what one {@code SseEmitter.event()} per event
 * would write: a name line, a data line per line of the data, a blank line.
 */
final class ServerSentEvents implements SseEventBuilder {

	private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

	private final String text;

	private ServerSentEvents(String text) {
		this.text = text;
	}

	/**
	 * The events.
	 * @param event the name of every event
	 * @param data each event's data
	 * @return the events, ready for {@code SseEmitter.send}
	 */
	static ServerSentEvents of(String event, List<String> data) {
		StringBuilder text = new StringBuilder(data.size() * (event.length() + 16) + length(data));
		for (String one : data) {
			text.append("event:").append(event).append("\ndata:");
			for (int i = 0; i < one.length(); i++) {
				char c = one.charAt(i);
				text.append(c);
				if (c == '\n') {
					text.append("data:");
				}
			}
			text.append("\n\n");
		}
		return new ServerSentEvents(text.toString());
	}

	private static int length(List<String> data) {
		int length = 0;
		for (String one : data) {
			length += one.length();
		}
		return length;
	}

	/** The text as the stream carries it. */
	String text() {
		return this.text;
	}

	@Override
	public Set<DataWithMediaType> build() {
		return Set.of(new DataWithMediaType(this.text, TEXT));
	}

	@Override
	public SseEventBuilder id(String id) {
		throw unsupported();
	}

	@Override
	public SseEventBuilder name(String eventName) {
		throw unsupported();
	}

	@Override
	public SseEventBuilder reconnectTime(long reconnectTimeMillis) {
		throw unsupported();
	}

	@Override
	public SseEventBuilder comment(String comment) {
		throw unsupported();
	}

	@Override
	public SseEventBuilder data(Object object) {
		throw unsupported();
	}

	@Override
	public SseEventBuilder data(Object object, @Nullable MediaType mediaType) {
		throw unsupported();
	}

	private static UnsupportedOperationException unsupported() {
		return new UnsupportedOperationException("the events are complete");
	}

}
