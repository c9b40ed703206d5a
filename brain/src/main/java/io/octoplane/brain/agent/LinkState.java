package io.octoplane.brain.agent;

/**
 * Where one connection on the agent port is. Every connection starts in
 * {@link #HANDSHAKE}; the first frame decides whether it becomes a control session, a
 * data connection or a tunnel; it ends {@link #EXPIRED} or {@link #CLOSED}.
 *
 * <pre>
 * HANDSHAKE --first frame--> GREETING --Welcome sent--> CONTROL
 *     |                          |----DataOpen--------> DATA
 *     |                          |----TunnelAttach----> TUNNEL
 *     |                          '----RelayOpen-------> RELAY (a new link runs inside)
 *     '-- deadline passed (HANDSHAKE or GREETING) ----> EXPIRED
 * any state --close, write deadline, end of stream----> CLOSED
 * </pre>
 */
enum LinkState {

	/**
	 * TLS handshake and identity check. TLS 1.3 may report a refused client certificate
	 * only on the first read, so the handshake counts as done once a frame arrived.
	 */
	HANDSHAKE,

	/** The first frame arrived; the brain answers a Hello with its Welcome. */
	GREETING,

	/** A node's control connection: heartbeats and command frames. */
	CONTROL,

	/** A file transfer's data connection. */
	DATA,

	/** A tunnel's data connection. */
	TUNNEL,

	/**
	 * A gateway's uplink: the TLS connection of a node behind it runs inside, as a link
	 * of its own.
	 */
	RELAY,

	/** The handshake deadline passed before the connection was routed. */
	EXPIRED,

	/** Closed by either side, or cut because a write did not finish in time. */
	CLOSED;

	/** Whether the connection was routed and serves its purpose. */
	boolean isServing() {
		return this == CONTROL || this == DATA || this == TUNNEL || this == RELAY;
	}

	/** Whether the connection is over. */
	boolean isOver() {
		return this == EXPIRED || this == CLOSED;
	}

}
