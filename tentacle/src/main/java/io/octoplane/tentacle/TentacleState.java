package io.octoplane.tentacle;

/**
 * Where a {@link Tentacle}'s connection loop is; see the package documentation's diagram.
 */
public enum TentacleState {

	/** Created, not started. */
	NEW,

	/** Connecting, in the TLS handshake, or waiting for the brain's Welcome. */
	DIALING,

	/** Welcomed by the brain; heartbeats flow and commands are accepted. */
	CONNECTED,

	/** The last connection attempt or connection failed; waiting before the next dial. */
	BACKING_OFF,

	/** Closed, or refused by the brain for good; it will not dial again. */
	STOPPED

}
