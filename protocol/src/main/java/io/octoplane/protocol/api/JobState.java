package io.octoplane.protocol.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a job as a whole stands. */
public enum JobState {

	/** Some target has not reached a final state yet. */
	@JsonProperty("running")
	RUNNING,

	/** Every target reached a final state. */
	@JsonProperty("completed")
	COMPLETED,

	/** An operator cancelled it; targets not yet final were cancelled. */
	@JsonProperty("cancelled")
	CANCELLED

}
