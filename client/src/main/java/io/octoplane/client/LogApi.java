package io.octoplane.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.StringJoiner;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.LogResponse;
import io.octoplane.protocol.log.LogQuery;
import org.jspecify.annotations.Nullable;

/**
 * The logs an {@link OctoplaneClient} can read: a brain's own and, through the brain, a
 * node tentacle's.
 */
public final class LogApi {

	/** The source name of {@link #read} that means the answering brain's own log. */
	public static final String BRAIN = "brain";

	/** Above the brain's default time limit of a node's log read, plus delivery. */
	private static final Duration NODE_READ_TIMEOUT = Duration.ofSeconds(60);

	private final Transport transport;

	LogApi(Transport transport) {
		this.transport = transport;
	}

	/**
	 * Reads the newest lines of the brain's log ({@code GET /api/v1/logs/brain}, root
	 * workgroup only) or of a node's ({@code GET /api/v1/nodes/{name}/logs}, which the
	 * brain asks the node's tentacle for).
	 * @param source {@value #BRAIN} for the log of the brain that answers,
	 * {@code brain:NAME} for the named brain's (relayed by the one that answers), or a
	 * node name
	 * @param lines how many of the newest lines, 1 to {@value LogQuery#MAX_LINES}
	 * @param days only lines of the last {@code days} days (1 to
	 * {@value LogQuery#MAX_DAYS}), or {@code null} for every retained line
	 * @return the lines, oldest first
	 * @throws IllegalArgumentException if lines or days are out of range
	 * @throws OctoplaneApiException with {@code node-not-found} for an unknown or
	 * invisible node, {@code node-offline} for a node that is not connected,
	 * {@code not-found} for the brain's log outside the root workgroup
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public LogResponse read(String source, int lines, @Nullable Integer days) {
		if (lines < 1 || lines > LogQuery.MAX_LINES) {
			throw new IllegalArgumentException("lines must be between 1 and " + LogQuery.MAX_LINES);
		}
		if (days != null && (days < 1 || days > LogQuery.MAX_DAYS)) {
			throw new IllegalArgumentException("days must be between 1 and " + LogQuery.MAX_DAYS);
		}
		boolean brain = BRAIN.equals(source) || source.startsWith(BRAIN + ":");
		String path = brain ? ApiPaths.BRAIN_LOGS : ApiPaths.NODE_LOGS.replace("{name}", Transport.segment(source));
		StringJoiner query = new StringJoiner("&").add("lines=" + lines);
		if (brain && !BRAIN.equals(source)) {
			query.add("brain=" + URLEncoder.encode(source.substring(BRAIN.length() + 1), StandardCharsets.UTF_8));
		}
		if (days != null) {
			query.add("days=" + days);
		}
		// A node's answer travels through the command path: allow for its time limit.
		Duration timeout = (this.transport.requestTimeout().compareTo(NODE_READ_TIMEOUT) < 0) ? NODE_READ_TIMEOUT
				: this.transport.requestTimeout();
		return this.transport.send(this.transport.request(path, query).GET(), timeout, LogResponse.class);
	}

}
