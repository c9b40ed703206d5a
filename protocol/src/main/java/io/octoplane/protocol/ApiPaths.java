package io.octoplane.protocol;

/**
 * Paths of the brain's REST API, shared by the brain's controllers and octl so both sides
 * can never drift apart.
 */
public final class ApiPaths {

	/** Root of version 1 of the API. */
	public static final String V1 = "/api/v1";

	/** Brain identity and version. */
	public static final String INFO = V1 + "/info";

	/** Node registry: list (GET) and prune (DELETE). */
	public static final String NODES = V1 + "/nodes";

	/** Latest heartbeat status of nodes. */
	public static final String NODE_STATUS = NODES + "/status";

	/** Commands run on nodes. */
	public static final String COMMANDS = V1 + "/commands";

	private ApiPaths() {
	}

}
