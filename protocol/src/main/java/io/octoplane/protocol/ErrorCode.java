package io.octoplane.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * Machine-readable error kinds shared by the brain (which puts the slug in the
 * {@code code} member of every RFC 9457 problem document) and octl (which maps it to an
 * exit status). Clients match on the slug, never on the human-readable detail.
 */
public enum ErrorCode {

	/** The request body or parameters are malformed or out of range. */
	INVALID_REQUEST("invalid-request", 400),

	/** No usable credentials were presented. */
	UNAUTHENTICATED("unauthenticated", 401),

	/** Credentials were presented but their role does not allow this call. */
	FORBIDDEN("forbidden", 403),

	/** The named node is not known to the brain (or not visible to the caller). */
	NODE_NOT_FOUND("node-not-found", 404),

	/** The named job does not exist (or its results passed their retention). */
	JOB_NOT_FOUND("job-not-found", 404),

	/** No live nameserver entry has this name (never registered, removed or expired). */
	NAME_NOT_FOUND("name-not-found", 404),

	/** No release of this component and version has been uploaded. */
	RELEASE_NOT_FOUND("release-not-found", 404),

	/** An uploaded package does not have the SHA-256 its uploader declared. */
	RELEASE_CHECKSUM_MISMATCH("release-checksum-mismatch", 400),

	/** A release's signature does not verify against the release public key. */
	RELEASE_SIGNATURE_INVALID("release-signature-invalid", 400),

	/** The requested resource does not exist. */
	NOT_FOUND("not-found", 404),

	/** The named scenario does not exist in the caller's workgroup. */
	SCENARIO_NOT_FOUND("scenario-not-found", 404),

	/** No version of the scenario or nodeapp starts with the given prefix. */
	VERSION_NOT_FOUND("version-not-found", 404),

	/**
	 * A scenario's deployment file or folder is invalid; the detail names the file, the
	 * field and what is wrong.
	 */
	INVALID_DEPLOYMENT("invalid-deployment", 400),

	/**
	 * The request conflicts with the current state, for example pruning an online node.
	 */
	CONFLICT("conflict", 409),

	/** The named workgroup does not exist, or the caller may not see it. */
	WORKGROUP_NOT_FOUND("workgroup-not-found", 404),

	/**
	 * The brain does not run under the upgrade launcher, so it cannot be upgraded online.
	 */
	UPGRADE_NOT_LAUNCHED("upgrade-not-launched", 409),

	/** Too many requests or failed logins from this caller; retry after a pause. */
	TOO_MANY_REQUESTS("too-many-requests", 429),

	/** The request body is larger than the configured limit. */
	PAYLOAD_TOO_LARGE("payload-too-large", 413),

	/**
	 * The node is not connected to this brain, so it cannot do what needs it now (open a
	 * tunnel, read its log); the detail says whether it is offline or held by another
	 * brain.
	 */
	NODE_OFFLINE("node-offline", 409),

	/**
	 * The node could not reach the service a tunnel was to connect to; the detail has the
	 * node's reason, such as a refused connection.
	 */
	TUNNEL_FAILED("tunnel-failed", 502),

	/** A dependency such as Redis is not reachable; retrying later may succeed. */
	UNAVAILABLE("unavailable", 503),

	/** An unexpected failure inside the brain. */
	INTERNAL("internal", 500);

	private static final String TYPE_PREFIX = "urn:octoplane:problem:";

	private final String slug;

	private final int httpStatus;

	ErrorCode(String slug, int httpStatus) {
		this.slug = slug;
		this.httpStatus = httpStatus;
	}

	/** The stable identifier carried in the problem document's {@code code} member. */
	public String slug() {
		return this.slug;
	}

	/** The HTTP status the brain answers with for this error. */
	public int httpStatus() {
		return this.httpStatus;
	}

	/** The problem document's {@code type} URI for this error. */
	public String typeUri() {
		return TYPE_PREFIX + this.slug;
	}

	/**
	 * Finds the error code for a slug received from the wire.
	 * @param slug the {@code code} member of a problem document
	 * @return the matching code, or empty for a slug this client does not know
	 */
	public static Optional<ErrorCode> fromSlug(String slug) {
		return Arrays.stream(values()).filter((code) -> code.slug.equals(slug)).findFirst();
	}

}
