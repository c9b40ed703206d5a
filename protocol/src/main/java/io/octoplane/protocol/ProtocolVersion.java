package io.octoplane.protocol;

/**
 * The version of the brain-tentacle wire protocol. Every agent frame carries it in its
 * header; a peer that receives a version it does not speak closes the connection with a
 * clear reason rather than guessing at the payload.
 */
public final class ProtocolVersion {

	/** The version this build speaks. */
	public static final int CURRENT = 1;

	private ProtocolVersion() {
	}

}
