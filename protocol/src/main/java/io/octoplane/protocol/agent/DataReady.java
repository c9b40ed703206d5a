package io.octoplane.protocol.agent;

/**
 * The brain accepts a fetch on a data connection; the blob's bytes from the requested
 * offset up to {@code sizeBytes} follow this frame, raw, and the brain then closes.
 *
 * @param sizeBytes the whole blob's size in bytes
 */
public record DataReady(long sizeBytes) implements BrainMessage {

	public DataReady {
		if (sizeBytes < 0) {
			throw new IllegalArgumentException("sizeBytes must not be negative");
		}
	}

}
