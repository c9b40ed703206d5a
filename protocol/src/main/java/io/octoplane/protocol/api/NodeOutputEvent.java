package io.octoplane.protocol.api;

import java.util.Objects;

/**
 * Data of an {@code output} event on {@code GET /api/v1/jobs/{id}/events}: a piece of a
 * node's live output.
 *
 * @param name the node
 * @param stream {@code stdout} or {@code stderr}
 * @param data the text
 */
public record NodeOutputEvent(String name, String stream, String data) {

	public NodeOutputEvent {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(stream, "stream must not be null");
		Objects.requireNonNull(data, "data must not be null");
	}

}
