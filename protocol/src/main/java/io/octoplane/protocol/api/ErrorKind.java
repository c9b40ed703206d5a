package io.octoplane.protocol.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Tells a communication failure (the command never ran or its result never came back)
 * from a process failure (it ran and failed), as Octopoda's results do.
 */
public enum ErrorKind {

	/**
	 * The command succeeded (or a background process started), or it is not final yet.
	 */
	@JsonProperty("none")
	NONE,

	/**
	 * It never ran: the node was unknown, stayed offline past the deadline, or refused
	 * it.
	 */
	@JsonProperty("communication")
	COMMUNICATION,

	/** The process failed: non-zero exit, timeout, or it could not be started. */
	@JsonProperty("process")
	PROCESS,

	/**
	 * It was cancelled before it could finish, by an operator or by the max-errors rule.
	 */
	@JsonProperty("cancelled")
	CANCELLED

}
