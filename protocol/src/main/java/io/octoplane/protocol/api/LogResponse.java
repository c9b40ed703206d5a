package io.octoplane.protocol.api;

import java.util.List;
import java.util.Objects;

/**
 * Answer of the log endpoints: the newest lines of a brain's or a node's log, oldest
 * first.
 *
 * @param source {@code brain} or the node's name
 * @param lines the lines, without line ends
 * @param truncated whether older lines that were asked for were left out because of the
 * byte limit
 */
public record LogResponse(String source, List<String> lines, boolean truncated) {

	public LogResponse {
		Objects.requireNonNull(source, "source must not be null");
		lines = List.copyOf(lines);
	}

}
