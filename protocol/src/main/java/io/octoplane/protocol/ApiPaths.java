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

	/**
	 * Latest heartbeat status of nodes (GET), query {@code name} (node names,
	 * {@code @group}s, {@code ALL}, and {@code brain} for the brain's own host).
	 */
	public static final String NODE_STATUS = NODES + "/status";

	/**
	 * The nodes a target list stands for (GET), query {@code target} (node names,
	 * {@code @group}s, {@code ALL}, {@code label:SELECTOR}): a
	 * {@code NodeSelectionResponse}, what {@code --dry-run} shows.
	 */
	public static final String NODE_SELECTION = NODES + "/selection";

	/** A node's facts and labels (GET): a {@code NodeFactsResponse}. */
	public static final String NODE_FACTS = NODES + "/{name}/facts";

	/**
	 * A node's labels: read (GET) and changed by an operator (PATCH, a
	 * {@code NodeLabelRequest}); both answer a {@code NodeLabelsResponse}.
	 */
	public static final String NODE_LABELS = NODES + "/{name}/labels";

	/** Host status of the brain that answers (GET): a {@code NodeStatusInfo}. */
	public static final String BRAIN_STATUS = V1 + "/brain/status";

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

	/**
	 * Revoke a node's certificate and disconnect it (POST), path variable {@code name}.
	 */
	public static final String NODE_REVOKE = NODES + "/{name}/revoke";

	/**
	 * A node's status history (GET), path variable {@code name}, query {@code range}
	 * ({@code 1h}, {@code 24h} or {@code 7d}).
	 */
	public static final String NODE_HISTORY = NODES + "/{name}/history";

	/**
	 * Request header naming the workgroup a call acts in, which must be the caller's own
	 * workgroup or one below it; without it a call acts in the caller's own workgroup.
	 */
	public static final String WORKGROUP_HEADER = "X-Octoplane-Workgroup";

	/** One workgroup (GET: nodes and children; DELETE: remove it), query {@code path}. */
	public static final String WORKGROUP = V1 + "/workgroup";

	/** Nodes of a workgroup: PUT adds, DELETE removes ({@code node} parameters). */
	public static final String WORKGROUP_NODES = WORKGROUP + "/nodes";

	/** Password of a workgroup (PUT), query {@code path}. */
	public static final String WORKGROUP_PASSWORD = WORKGROUP + "/password";

	/**
	 * The newest lines of a node's log (GET), path variable {@code name}, query
	 * {@code lines} and {@code days}; answer a {@code LogResponse}.
	 */
	public static final String NODE_LOGS = NODES + "/{name}/logs";

	/**
	 * The newest lines of a brain's own log (GET, root workgroup only), query
	 * {@code lines} and {@code days}, and {@code brain} naming another brain than the one
	 * that answers (which relays the call to it); answer a {@code LogResponse}.
	 */
	public static final String BRAIN_LOGS = V1 + "/logs/brain";

	/** API and join tokens: create (POST), list (GET). */
	public static final String TOKENS = V1 + "/tokens";

	/** One token (DELETE revokes it), path variable {@code id}. */
	public static final String TOKEN = TOKENS + "/{id}";

	/**
	 * Enrollment of a new node (POST) with a join token instead of a client certificate.
	 */
	public static final String ENROLL = V1 + "/enroll";

	/** The audit trail (GET), newest first, query {@code limit}. */
	public static final String AUDIT = V1 + "/audit";

	/** Scenarios of the acting workgroup (GET lists them). */
	public static final String SCENARIOS = V1 + "/scenarios";

	/**
	 * One scenario (GET), path variable {@code name}; DELETE removes its record and
	 * version repository (its nodeapps stay on the nodes).
	 */
	public static final String SCENARIO = SCENARIOS + "/{name}";

	/** Runs a target of a scenario folder (POST), path variable {@code name}. */
	public static final String SCENARIO_APPLY = SCENARIO + "/apply";

	/**
	 * A scenario's versions (GET), newest first, query {@code offset} and {@code limit}.
	 */
	public static final String SCENARIO_VERSIONS = SCENARIO + "/versions";

	/** Brings a scenario and all its nodeapps back to an earlier version (POST). */
	public static final String SCENARIO_RESET = SCENARIO + "/reset";

	/** The nodeapps on one node (GET), path variable {@code node}. */
	public static final String NODEAPPS = NODES + "/{node}/nodeapps";

	/**
	 * One nodeapp's git history (GET), newest first, path variables {@code node} and
	 * {@code app}, query {@code offset} and {@code limit}.
	 */
	public static final String NODEAPP_VERSIONS = NODEAPPS + "/{app}/versions";

	/** Resets one nodeapp to an earlier commit (POST). */
	public static final String NODEAPP_RESET = NODEAPPS + "/{app}/reset";

	/**
	 * Blob store: {@code POST} streams a blob in (body {@code application/octet-stream},
	 * answer a {@code BlobResponse}).
	 */
	public static final String FILE_BLOBS = V1 + "/files/blobs";

	/**
	 * One blob (GET streams it, with {@code Range} support), path variable
	 * {@code sha256}.
	 */
	public static final String FILE_BLOB = FILE_BLOBS + "/{sha256}";

	/** Install a stored blob on nodes (POST a {@code FileUploadRequest}; 202 job). */
	public static final String FILE_UPLOADS = V1 + "/files/uploads";

	/**
	 * Bring a file or folder of a node into the blob store (POST a
	 * {@code FileFetchRequest}; 202 job whose result names the blob).
	 */
	public static final String FILE_FETCHES = V1 + "/files/fetches";

	/** List a folder of a node (POST a {@code FileListRequest}; 202 job). */
	public static final String FILE_LISTINGS = V1 + "/files/listings";

	/**
	 * The brain's file store, a folder tree on the brain: GET lists a folder as a
	 * {@code FileListing}, query {@code path} (relative to the store, default its top)
	 * and {@code depth}.
	 */
	public static final String FILE_STORE = V1 + "/files/store";

	/**
	 * One file or folder of the brain's file store, query {@code path} relative to the
	 * store: GET streams a file (with {@code Range} support) or a folder as tar, and says
	 * which in {@link #FILE_KIND_HEADER}.
	 */
	public static final String FILE_STORE_CONTENT = FILE_STORE + "/content";

	/** Whether a download is a {@code file} or a {@code directory} packed as tar. */
	public static final String FILE_KIND_HEADER = "X-Octoplane-File-Kind";

	/**
	 * The nameserver's registry (on the nameserver's port, not the brain's): list (GET)
	 * with query {@code prefix}, {@code suffix} or {@code contains}.
	 */
	public static final String NAMES = V1 + "/names";

	/**
	 * One nameserver entry, path variable {@code name}: register or refresh (PUT), query
	 * (GET), remove (DELETE).
	 */
	public static final String NAME = NAMES + "/{name}";

	/** Counts of the nameserver's live entries (GET). */
	public static final String NAME_SUMMARY = V1 + "/name-summary";

	/**
	 * Online upgrade of the brain that answers (root workgroup only): state (GET, a
	 * {@code BrainUpgradeState}) and actions (POST a {@code BrainUpgradeRequest}, answer
	 * a {@code BrainUpgradeResponse}).
	 */
	public static final String BRAIN_UPGRADE = V1 + "/brain/upgrade";

	/** What happened in the answering brain's upgrade home (GET), oldest first. */
	public static final String BRAIN_UPGRADE_HISTORY = BRAIN_UPGRADE + "/history";

	/** Releases stored on the nameserver: list (GET). */
	public static final String RELEASES = V1 + "/releases";

	/**
	 * One release, path variables {@code component} and {@code version}: upload (PUT, the
	 * package as the body with {@link #SHA256_HEADER} and {@link #SIGNATURE_HEADER}) and
	 * details (GET).
	 */
	public static final String RELEASE = RELEASES + "/{component}/{version}";

	/** A release's package bytes (GET). */
	public static final String RELEASE_PACKAGE = RELEASE + "/package";

	/** Header of a release upload: the package's SHA-256, lower-case hex. */
	public static final String SHA256_HEADER = "X-Octoplane-Sha256";

	/** Header of a release upload: the release signature, Base64. */
	public static final String SIGNATURE_HEADER = "X-Octoplane-Signature";

	/**
	 * Open a tunnel to a TCP service the node can reach (POST, a
	 * {@link io.octoplane.protocol.api.TunnelRequest}), path variable {@code name}; the
	 * answer names the tunnel to attach to at {@link #TUNNEL}.
	 */
	public static final String NODE_TUNNELS = NODES + "/{name}/tunnels";

	/**
	 * Attach to an opened tunnel (GET, WebSocket upgrade), path variable {@code id}; see
	 * {@link io.octoplane.protocol.api.TunnelStream} for the frames.
	 */
	public static final String TUNNEL = V1 + "/tunnels/{id}";

	/**
	 * SSH logins of the caller's workgroup (GET lists), query {@code node} (node names,
	 * {@code @group}s or {@code ALL}) to keep the logins of those nodes only.
	 */
	public static final String SSH_LOGINS = V1 + "/ssh";

	/** One SSH login by name (PUT stores, GET, DELETE), path variable {@code name}. */
	public static final String SSH_LOGIN = SSH_LOGINS + "/{name}";

	private ApiPaths() {
	}

}
