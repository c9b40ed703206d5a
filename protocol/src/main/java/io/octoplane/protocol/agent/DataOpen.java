package io.octoplane.protocol.agent;

import java.util.Objects;

/**
 * First frame of a data connection: a tentacle dials the agent port again, with its node
 * certificate, to move the bytes of one file command, so bulk traffic never queues behind
 * or in front of heartbeats and TCP does the flow control. The brain answers with
 * {@link DataReady} (then the blob's bytes from {@code offsetBytes} on) for a fetch, or
 * reads {@code sizeBytes} raw bytes and answers {@link DataReceived} for a send; it
 * refuses with {@link Goodbye}.
 *
 * @param token the one-time transfer token from the command; it names the blob or the
 * upload slot and the nodes allowed to use it
 * @param offsetBytes for a fetch, how many bytes of the blob the tentacle already holds
 * (resume); 0 or more
 * @param sizeBytes for a send, how many raw bytes follow this frame; 0 for a fetch
 * @param compressed for a fetch, whether the brain sends the bytes after
 * {@link DataReady} as one deflate stream ({@link LinkCompression#deflating}); a tentacle
 * asks for it only of a brain that announced {@link Capabilities#COMPRESS_DOWN}, and only
 * when its compression setting is {@code on}. For a send, whether the tentacle sends its
 * {@code sizeBytes} raw bytes as one deflate stream; it does so only to a brain that
 * announced {@link Capabilities#COMPRESS_UPLOAD}
 */
public record DataOpen(String token, long offsetBytes, long sizeBytes, boolean compressed) implements AgentMessage {

	/**
	 * A data connection whose bytes are not compressed.
	 * @param token the one-time transfer token
	 * @param offsetBytes for a fetch, the bytes already held
	 * @param sizeBytes for a send, the bytes that follow
	 */
	public DataOpen(String token, long offsetBytes, long sizeBytes) {
		this(token, offsetBytes, sizeBytes, false);
	}

	public DataOpen {
		Objects.requireNonNull(token, "token must not be null");
		if (offsetBytes < 0) {
			throw new IllegalArgumentException("offsetBytes must not be negative");
		}
		if (sizeBytes < 0) {
			throw new IllegalArgumentException("sizeBytes must not be negative");
		}
	}

}
