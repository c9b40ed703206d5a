package io.octoplane.tentacle.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How a tentacle behaves on a thin link and whether it relays for others.
 *
 * @param compression whether the link is compressed (see {@link Compression})
 * @param heartbeatInterval the heartbeat interval to ask the brain for, or {@code null}
 * for the brain's; the brain grants at most its {@code max-heartbeat-interval}
 * @param statusEvery host status goes with every N-th heartbeat only (1 = every one); the
 * others carry only the sequence number and clock fields
 * @param gatewayListen where to accept connections of nodes behind this one and relay
 * them to the brain, or {@code null} when this node is no gateway
 * @param gateway the gateway to dial instead of the brain, or {@code null} to dial the
 * brain; the brain's certificate is still checked against the brain's name
 */
public record EdgeSettings(Compression compression, @Nullable Duration heartbeatInterval, int statusEvery,
		@Nullable BrainAddress gatewayListen, @Nullable BrainAddress gateway) {

	/** Compression on, status in every heartbeat, the brain's pace, no gateway. */
	public static final EdgeSettings DEFAULTS = new EdgeSettings(Compression.AUTO, null, 1, null, null);

	public EdgeSettings {
		Objects.requireNonNull(compression, "compression must not be null");
		if (heartbeatInterval != null && (heartbeatInterval.isNegative() || heartbeatInterval.isZero())) {
			throw new TentacleConfigException("heartbeat.interval " + heartbeatInterval + " must be positive");
		}
		if (statusEvery < 1) {
			throw new TentacleConfigException("heartbeat.statusEvery " + statusEvery + " must be at least 1");
		}
	}

	/**
	 * A copy that relays for nodes behind it.
	 * @param listen where to accept their connections
	 * @return the copy
	 */
	public EdgeSettings withGatewayListen(@Nullable BrainAddress listen) {
		return new EdgeSettings(this.compression, this.heartbeatInterval, this.statusEvery, listen, this.gateway);
	}

	/**
	 * A copy that dials a gateway instead of the brain.
	 * @param via the gateway's address
	 * @return the copy
	 */
	public EdgeSettings withGateway(@Nullable BrainAddress via) {
		return new EdgeSettings(this.compression, this.heartbeatInterval, this.statusEvery, this.gatewayListen, via);
	}

	/** The {@code compression} setting of tentacle.yaml. */
	public enum Compression {

		/** Nothing is compressed. */
		OFF,

		/**
		 * What the node sends on its control connection is compressed (output, results,
		 * heartbeats): the direction that carries the bytes, and cheap for the brain.
		 */
		AUTO,

		/**
		 * Both directions of the control connection and the data connections (files,
		 * scenario archives) are compressed: for links where every byte is paid for.
		 */
		ON;

		/**
		 * Reads the setting.
		 * @param text {@code off}, {@code auto} or {@code on}
		 * @return the setting
		 * @throws TentacleConfigException if it is none of them
		 */
		public static Compression parse(String text) {
			String value = text.strip().toLowerCase(Locale.ROOT);
			// A YAML 1.1 reader turns a bare on or off into a boolean.
			if (value.equals("true")) {
				return ON;
			}
			if (value.equals("false")) {
				return OFF;
			}
			try {
				return valueOf(value.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new TentacleConfigException("compression '" + text + "' must be off, auto or on");
			}
		}

	}

}
