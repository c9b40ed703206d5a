package io.octoplane.protocol.agent;

import java.util.Objects;

/**
 * The brain closes the connection and says why, so the tentacle can log something an
 * operator understands instead of a bare connection reset.
 *
 * @param reason human-readable reason
 * @param retry whether redialling can help (false for a protocol version the brain does
 * not speak, or a node that was refused)
 */
public record Goodbye(String reason, boolean retry) implements BrainMessage {

	public Goodbye {
		Objects.requireNonNull(reason, "reason must not be null");
	}

}
