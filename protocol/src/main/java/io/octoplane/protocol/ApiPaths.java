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

	/** Commands run on nodes: {@code POST} starts a job. */
	public static final String COMMANDS = V1 + "/commands";

	/** Command jobs: list (GET). */
	public static final String JOBS = V1 + "/jobs";

	/** One job (GET), with path variable {@code id}. */
	public static final String JOB = JOBS + "/{id}";

	/** Cancel a job (POST), with path variable {@code id}. */
	public static final String JOB_CANCEL = JOB + "/cancel";

	/**
	 * Server-Sent Events of a job (GET), with path variable {@code id}. Events:
	 * {@code node} (data: a {@code NodeCommandResult} whenever a node's state changes),
	 * {@code output} (data: a {@code NodeOutputEvent}) and {@code done} (data: the final
	 * {@code JobResponse}; the stream then ends). A client that connects late first
	 * receives a {@code node} event for every target's current state.
	 */
	public static final String JOB_EVENTS = JOB + "/events";

	private ApiPaths() {
	}

}
