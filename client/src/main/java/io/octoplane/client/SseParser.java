package io.octoplane.client;

import java.util.Optional;

/**
 * Turns the lines of a {@code text/event-stream} body into events, following the WHATWG
 * HTML "event stream interpretation" rules the brain's events endpoint relies on: a blank
 * line dispatches the event, {@code data} fields are joined with newlines, lines starting
 * with a colon are comments (keep-alives), and one space after the field's colon is
 * dropped. {@code id} and {@code retry} are accepted and ignored: the brain repeats every
 * target's state on connect, so a client never needs to resume by id.
 */
final class SseParser {

	private static final String DEFAULT_TYPE = "message";

	private StringBuilder data = new StringBuilder();

	private String type = DEFAULT_TYPE;

	private boolean first = true;

	/**
	 * Feeds one line, without its line terminator.
	 * @param line the line
	 * @return the event this line completed, if it was the blank line ending one that
	 * carried data
	 */
	Optional<SseEvent> line(String line) {
		if (this.first) {
			this.first = false;
			if (line.startsWith("\uFEFF")) {
				line = line.substring(1);
			}
		}
		if (line.isEmpty()) {
			return dispatch();
		}
		if (line.startsWith(":")) {
			return Optional.empty();
		}
		int colon = line.indexOf(':');
		String field = (colon < 0) ? line : line.substring(0, colon);
		String value = (colon < 0) ? "" : line.substring(colon + 1);
		if (value.startsWith(" ")) {
			value = value.substring(1);
		}
		switch (field) {
			case "event" -> this.type = value;
			case "data" -> this.data.append(value).append('\n');
			default -> {
				// id, retry and unknown fields carry nothing a job watcher needs.
			}
		}
		return Optional.empty();
	}

	/** Whether a line is a comment, which the brain sends as a keep-alive. */
	static boolean isComment(String line) {
		return line.startsWith(":");
	}

	private Optional<SseEvent> dispatch() {
		String type = this.type.isEmpty() ? DEFAULT_TYPE : this.type;
		this.type = DEFAULT_TYPE;
		if (this.data.isEmpty()) {
			// An event without data is not dispatched, as in browsers.
			return Optional.empty();
		}
		String text = this.data.substring(0, this.data.length() - 1);
		this.data = new StringBuilder();
		return Optional.of(new SseEvent(type, text));
	}

}
