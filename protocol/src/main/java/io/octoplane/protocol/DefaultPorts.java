package io.octoplane.protocol;

/**
 * Default TCP ports, kept from Octopoda where they exist so migrating users keep their
 * firewall rules. No two defaults clash, so every part can run on one host.
 */
public final class DefaultPorts {

	/** The brain's HTTPS REST API for operators (Octopoda's brain port). */
	public static final int BRAIN_API = 12345;

	/** The brain's management port (health, metrics), bound to loopback by default. */
	public static final int BRAIN_MANAGEMENT = 12346;

	/** The brain's mutual-TLS endpoint that tentacles dial. */
	public static final int BRAIN_AGENT = 3457;

	/** The nameserver's HTTPS API (Octopoda's name server port). */
	public static final int NAMESERVER = 3455;

	private DefaultPorts() {
	}

}
