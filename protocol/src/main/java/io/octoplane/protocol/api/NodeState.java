package io.octoplane.protocol.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Connection state of a node as the brain sees it. */
public enum NodeState {

	/** Connected, and heartbeats arrive on time. */
	@JsonProperty("online")
	ONLINE,

	/** Connected, but at least one heartbeat interval passed without a heartbeat. */
	@JsonProperty("unstable")
	UNSTABLE,

	/** Not connected, or silent for longer than the offline threshold. */
	@JsonProperty("offline")
	OFFLINE

}
