package io.octoplane.protocol.api;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Connection state of a node as the brain sees it. */
public enum NodeState {

	/** Connected, and heartbeats arrive on time. */
	@JsonProperty("online")
	ONLINE,

	/**
	 * Connected, but silent for longer than its unstable threshold (2.5 of its own
	 * heartbeat intervals with the brain's defaults).
	 */
	@JsonProperty("unstable")
	UNSTABLE,

	/** Not connected, or silent for longer than the offline threshold. */
	@JsonProperty("offline")
	OFFLINE;

	/** Every spelling {@link #parse} accepts, for messages. */
	public static final String SPELLINGS = "online (ready), unstable (disconn), offline (dead)";

	/**
	 * Reads a state filter as octl's {@code -sf} and the node listing take it: the names
	 * the brain shows ({@code online}, {@code unstable}, {@code offline}) and the names
	 * of Octopoda's node states ({@code ready}, {@code disconn}, {@code dead}), in any
	 * case.
	 * @param text the filter as given
	 * @return the state
	 * @throws IllegalArgumentException if it names no state
	 */
	public static NodeState parse(String text) {
		return switch (text.strip().toLowerCase(Locale.ROOT)) {
			case "online", "ready" -> ONLINE;
			case "unstable", "disconn", "disconnected" -> UNSTABLE;
			case "offline", "dead" -> OFFLINE;
			default -> throw new IllegalArgumentException("'" + text + "' is not a node state; use " + SPELLINGS);
		};
	}

}
