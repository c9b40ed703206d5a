package io.octoplane.tentacle.command;

import io.octoplane.protocol.agent.CommandOutput;

/**
 * Where live output chunks go (the brain connection, when there is one). Best effort: an
 * implementation drops what it cannot send and never throws. It may block while the link
 * is slow; the process is shielded from that by a bounded buffer.
 */
@FunctionalInterface
public interface OutputSink {

	/**
	 * Sends one chunk, or drops it.
	 * @param chunk the chunk
	 */
	void send(CommandOutput chunk);

}
