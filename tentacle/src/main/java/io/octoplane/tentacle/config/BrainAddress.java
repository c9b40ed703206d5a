package io.octoplane.tentacle.config;

import java.util.Objects;

import io.octoplane.protocol.DefaultPorts;

/**
 * Where the brain's agent port is: a host name or IP literal and a TCP port. The host is
 * kept as text, not resolved, so every dial resolves it afresh and a brain that moved to
 * a new address is found again.
 *
 * @param host host name or IP literal, without brackets
 * @param port TCP port, 1 to 65535
 */
public record BrainAddress(String host, int port) {

	public BrainAddress {
		Objects.requireNonNull(host, "host must not be null");
		if (host.isBlank()) {
			throw new TentacleConfigException("brain host must not be blank");
		}
		if (port < 1 || port > 65535) {
			throw new TentacleConfigException("brain port " + port + " is not between 1 and 65535");
		}
	}

	/**
	 * Parses {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}; the port
	 * defaults to {@link DefaultPorts#BRAIN_AGENT}.
	 * @param text the address
	 * @return the address
	 * @throws TentacleConfigException if the text is not an address
	 */
	public static BrainAddress parse(String text) {
		String value = text.strip();
		if (value.startsWith("[")) {
			int close = value.indexOf(']');
			if (close < 0) {
				throw new TentacleConfigException("brain address '" + text + "' has no closing ']'");
			}
			String rest = value.substring(close + 1);
			if (!rest.isEmpty() && !rest.startsWith(":")) {
				throw new TentacleConfigException("brain address '" + text + "' is not [host]:port");
			}
			return new BrainAddress(value.substring(1, close),
					rest.isEmpty() ? DefaultPorts.BRAIN_AGENT : port(text, rest.substring(1)));
		}
		int colon = value.lastIndexOf(':');
		if (colon < 0) {
			return new BrainAddress(value, DefaultPorts.BRAIN_AGENT);
		}
		if (value.indexOf(':') != colon) {
			// A bare IPv6 literal is ambiguous with host:port, so brackets are required.
			throw new TentacleConfigException("brain address '" + text + "': write IPv6 addresses as [addr]:port");
		}
		return new BrainAddress(value.substring(0, colon), port(text, value.substring(colon + 1)));
	}

	private static int port(String text, String port) {
		try {
			return Integer.parseInt(port);
		}
		catch (NumberFormatException ex) {
			throw new TentacleConfigException("brain address '" + text + "' has no valid port");
		}
	}

	@Override
	public String toString() {
		return (this.host.indexOf(':') >= 0 ? "[" + this.host + "]" : this.host) + ":" + this.port;
	}

}
