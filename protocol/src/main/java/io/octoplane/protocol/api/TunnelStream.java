package io.octoplane.protocol.api;

/**
 * The WebSocket frames of an attached tunnel. Binary messages carry the tunnel's bytes in
 * order. A text message {@link #EOF} says the sender will write no more (a TCP
 * half-close), while it keeps reading; the tunnel ends when both sides sent it or when
 * either closes the WebSocket, whose close reason then says why.
 */
public final class TunnelStream {

	/** The text message that half-closes one direction. */
	public static final String EOF = "eof";

	/** Largest binary message either side sends; receivers accept at least this. */
	public static final int MAX_MESSAGE_BYTES = 32 * 1024;

	private TunnelStream() {
	}

}
