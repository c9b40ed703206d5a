package io.octoplane.brain.metrics;

/**
 * Why the brain turned a peer or a request away. The slugs are the {@code reason} label
 * of {@code octoplane_refusals_total}; dashboards and alerts depend on them, so they
 * never change meaning.
 */
public enum RefusalReason {

	/** A tentacle sent a frame larger than {@code octoplane.agent.max-frame-bytes}. */
	FRAME_SIZE("frame-size"),

	/** A request body over {@code octoplane.api.max-request-size}. */
	REQUEST_BODY_SIZE("request-body-size"),

	/** TLS handshake plus Hello did not finish within the handshake timeout. */
	HANDSHAKE_TIMEOUT("handshake-timeout"),

	/** Too many agent connections were waiting for a TLS handshake turn already. */
	HANDSHAKE_QUEUE("handshake-queue"),

	/** A connected tentacle stayed silent past {@code offline-after}. */
	IDLE_TIMEOUT("idle-timeout"),

	/** A tentacle stopped reading, so a frame could not be written in time. */
	WRITE_TIMEOUT("write-timeout"),

	/** Too many agent connections from one source address. */
	CONNECTIONS_PER_ADDRESS("connections-per-address"),

	/** The brain holds as many agent connections as it may. */
	CONNECTIONS_TOTAL("connections-total"),

	/** A caller exceeded its request rate on the REST API. */
	REQUEST_RATE("request-rate"),

	/** A source address failed to log in (or enroll) too often and must wait. */
	LOGIN_THROTTLE("login-throttle"),

	/** A tentacle presented a certificate that was revoked. */
	REVOKED_CERTIFICATE("revoked-certificate"),

	/** A CA-signed certificate of another role tried to act as a node. */
	CERTIFICATE_ROLE("certificate-role"),

	/** A node tried to relay its own connection through itself (a gateway loop). */
	RELAY_LOOP("relay-loop");

	private final String slug;

	RefusalReason(String slug) {
		this.slug = slug;
	}

	/** The label value. */
	public String slug() {
		return this.slug;
	}

}
