package io.octoplane.protocol.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Tells a communication failure (the command never ran or its result never came back)
 * from a process failure (it ran and failed), as Octopoda's results do.
 */
public enum ErrorKind {

	/** The command ran and succeeded (or a background process started). */
	@JsonProperty("none")
	NONE,

	/** The node was unknown, offline, or the link failed before a result arrived. */
	@JsonProperty("communication")
	COMMUNICATION,

	/** The process failed: non-zero exit, timeout, or it could not be started. */
	@JsonProperty("process")
	PROCESS

}
