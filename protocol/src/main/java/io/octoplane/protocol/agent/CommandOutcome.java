package io.octoplane.protocol.agent;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a command ended on the node. */
public enum CommandOutcome {

	/** The process exited with status 0. */
	@JsonProperty("succeeded")
	SUCCEEDED,

	/** The process exited with a non-zero status. */
	@JsonProperty("failed")
	FAILED,

	/** The run timeout passed; the process tree was killed. */
	@JsonProperty("timed-out")
	TIMED_OUT,

	/** A background process was started and left running. */
	@JsonProperty("started")
	STARTED,

	/** The process could not be started at all (see the result's error). */
	@JsonProperty("error")
	ERROR,

	/**
	 * The command was cancelled ({@link CancelCommand}): killed while running, or never
	 * started.
	 */
	@JsonProperty("cancelled")
	CANCELLED,

	/**
	 * The tentacle will not run it and did not: for example it restarted while the
	 * command ran, so running it again could run it twice and its outcome is unknown.
	 */
	@JsonProperty("rejected")
	REJECTED

}
