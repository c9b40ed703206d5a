package io.octoplane.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

import javax.net.ssl.SSLContext;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.AuditResponse;
import io.octoplane.protocol.api.BrainInfo;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.JobListResponse;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.LogResponse;
import io.octoplane.protocol.api.NodeHistoryResponse;
import io.octoplane.protocol.api.NodeListResponse;
import io.octoplane.protocol.api.NodeState;
import io.octoplane.protocol.api.NodeStatusResponse;
import io.octoplane.protocol.api.PruneResponse;
import io.octoplane.protocol.log.LogQuery;
import org.jspecify.annotations.Nullable;

/**
 * Client of the brain's REST API ({@link ApiPaths}). Each method makes one HTTPS call and
 * returns the answer's wire record, or throws {@link OctoplaneApiException} when the
 * brain answered with an error and {@link OctoplaneConnectionException} when it could not
 * be reached. Instances are thread-safe and hold one connection pool; build one per brain
 * with {@link #builder()}.
 *
 * <pre>{@code
 * OctoplaneClient client = OctoplaneClient.builder()
 * 	.baseUri(URI.create("https://127.0.0.1:12345"))
 * 	.sslContext(PemTls.clientContext(cert, key, ca))
 * 	.build();
 * NodeListResponse nodes = client.nodes(List.of(), NodeState.ONLINE);
 * JobResponse job = client.submit(CommandRequest.of(List.of("pi1"), CommandMode.SHELL, "uptime"));
 * JobResponse done = client.awaitJob(job.id(), Duration.ofMinutes(2), JobListener.none());
 * }</pre>
 */
public final class OctoplaneClient {

	/** Most jobs {@link #jobs(int)} can list at once. */
	public static final int MAX_JOBS = 1000;

	/** The source name of {@link #logs} that means the brain's own log. */
	public static final String BRAIN_LOG = "brain";

	/** Above the brain's default time limit of a node's log read, plus delivery. */
	private static final Duration LOG_TIMEOUT = Duration.ofSeconds(60);

	private final Transport transport;

	private OctoplaneClient(Builder builder) {
		HttpClient.Builder http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(builder.connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER);
		if (builder.sslContext != null) {
			http.sslContext(builder.sslContext);
		}
		this.transport = new Transport(Objects.requireNonNull(builder.baseUri, "baseUri must not be null"),
				http.build(), builder.authentication, builder.requestTimeout, builder.workgroup,
				OctoplaneJson.mapper());
	}

	Transport transport() {
		return this.transport;
	}

	/**
	 * Starts building a client.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/** The brain's base URI this client talks to. */
	public URI baseUri() {
		return this.transport.baseUri();
	}

	/**
	 * The workgroup every call acts in, sent as {@value ApiPaths#WORKGROUP_HEADER}.
	 * @return the workgroup, or empty for the caller's own workgroup
	 */
	public Optional<String> workgroup() {
		return Optional.ofNullable(this.transport.workgroup());
	}

	@Override
	public String toString() {
		return "OctoplaneClient[" + this.transport + "]";
	}

	/**
	 * Names the brain that answers and its version ({@code GET /api/v1/info}).
	 * @return the brain's name, version and address
	 * @throws OctoplaneApiException if the brain answered with an error
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public BrainInfo info() {
		return this.transport.send(this.transport.request(ApiPaths.INFO, new StringJoiner("&")).GET(),
				this.transport.requestTimeout(), BrainInfo.class);
	}

	/**
	 * Lists nodes of the registry ({@code GET /api/v1/nodes}).
	 * @param names node names to list, or empty for all
	 * @param state only nodes in this state, or {@code null} for any state
	 * @return the nodes with counters
	 * @throws OctoplaneApiException if the brain answered with an error
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public NodeListResponse nodes(Collection<String> names, @Nullable NodeState state) {
		return nodes(NodeQuery.of(names, state));
	}

	/**
	 * Lists the nodes a query selects ({@code GET /api/v1/nodes}), one page of them when
	 * it sets a limit; the answer's {@code nextCursor} then asks for the next.
	 * @param query names, state, name pattern and paging
	 * @return the brain, the nodes and the counts
	 * @throws OctoplaneApiException if the brain answered with an error
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public NodeListResponse nodes(NodeQuery query) {
		return this.transport.send(this.transport.request(ApiPaths.NODES, query.toQuery()).GET(),
				this.transport.requestTimeout(), NodeListResponse.class);
	}

	/**
	 * Reads the latest host metrics of nodes ({@code GET /api/v1/nodes/status}).
	 * @param names node names, or empty for all
	 * @return the statuses with averages
	 * @throws OctoplaneApiException if the brain answered with an error
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public NodeStatusResponse nodeStatus(Collection<String> names) {
		return this.transport.send(this.transport.request(ApiPaths.NODE_STATUS, nameQuery(names)).GET(),
				this.transport.requestTimeout(), NodeStatusResponse.class);
	}

	/**
	 * Reads a node's status history ({@code GET /api/v1/nodes/{name}/history}): a point a
	 * minute for {@code 1h} and {@code 24h}, a point a quarter hour for {@code 7d}.
	 * @param name the node
	 * @param range {@code 1h}, {@code 24h} or {@code 7d}
	 * @return the points, oldest first
	 * @throws OctoplaneApiException with {@code node-not-found} if the node is unknown or
	 * not visible, {@code invalid-request} for another range
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public NodeHistoryResponse nodeHistory(String name, String range) {
		String path = ApiPaths.NODE_HISTORY.replace("{name}", Transport.segment(name));
		StringJoiner query = new StringJoiner("&");
		query.add("range=" + URLEncoder.encode(range, StandardCharsets.UTF_8));
		return this.transport.send(this.transport.request(path, query).GET(), this.transport.requestTimeout(),
				NodeHistoryResponse.class);
	}

	/**
	 * Removes offline nodes from the registry ({@code DELETE /api/v1/nodes}).
	 * @param names offline nodes to remove, or empty for every offline node
	 * @return the removed node names
	 * @throws OctoplaneApiException with {@code conflict} if a named node is online, or
	 * {@code node-not-found} if one is unknown
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public PruneResponse prune(Collection<String> names) {
		return this.transport.send(this.transport.request(ApiPaths.NODES, nameQuery(names)).DELETE(),
				this.transport.requestTimeout(), PruneResponse.class);
	}

	/**
	 * Starts a job ({@code POST /api/v1/commands}). The brain answers at once: targets
	 * are {@code queued}, or already {@code expired} when offline without
	 * {@code wait_offline_seconds}. Follow the job with {@link #awaitJob}.
	 * @param request the command and its targets
	 * @return the accepted job
	 * @throws OctoplaneApiException with {@code invalid-request} if the brain refused the
	 * request
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public JobResponse submit(CommandRequest request) {
		byte[] body = this.transport.mapper().writeValueAsBytes(request);
		HttpRequest.Builder post = this.transport.request(ApiPaths.COMMANDS, new StringJoiner("&"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		return this.transport.send(post, this.transport.requestTimeout(), JobResponse.class);
	}

	/**
	 * Reads a job with every target's state and result ({@code GET /api/v1/jobs/{id}}).
	 * @param id the job id
	 * @return the job
	 * @throws OctoplaneApiException with {@code job-not-found} if the brain does not know
	 * it
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public JobResponse job(String id) {
		return job(id, this.transport.requestTimeout());
	}

	/**
	 * Lists the most recent jobs, newest first ({@code GET /api/v1/jobs}).
	 * @param limit how many at most, 1 to {@value #MAX_JOBS}
	 * @return the jobs' counters
	 * @throws IllegalArgumentException if the limit is out of range
	 * @throws OctoplaneApiException if the brain answered with an error
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public JobListResponse jobs(int limit) {
		return jobs(limit, null);
	}

	/**
	 * Lists one page of jobs, newest first ({@code GET /api/v1/jobs}). Jobs created while
	 * paging never shift a later page: a cursor neither repeats nor skips a job.
	 * @param limit how many at most, 1 to {@value #MAX_JOBS}
	 * @param cursor the previous page's {@code nextCursor}, or {@code null} for the
	 * newest
	 * @return the page; its {@code nextCursor} is {@code null} on the last one
	 * @throws IllegalArgumentException if the limit is out of range
	 * @throws OctoplaneApiException if the brain answered with an error
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public JobListResponse jobs(int limit, @Nullable String cursor) {
		if (limit < 1 || limit > MAX_JOBS) {
			throw new IllegalArgumentException("limit must be between 1 and " + MAX_JOBS);
		}
		StringJoiner query = new StringJoiner("&").add("limit=" + limit);
		if (cursor != null) {
			query.add(Transport.param("cursor", cursor));
		}
		return this.transport.send(this.transport.request(ApiPaths.JOBS, query).GET(), this.transport.requestTimeout(),
				JobListResponse.class);
	}

	/**
	 * Cancels a job ({@code POST /api/v1/jobs/{id}/cancel}): targets not yet final end
	 * {@code cancelled}. Cancelling a finished job changes nothing.
	 * @param id the job id
	 * @return the job, {@code cancelled}, or {@code completed} if it had already finished
	 * @throws OctoplaneApiException with {@code job-not-found} if the brain does not know
	 * it
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public JobResponse cancel(String id) {
		HttpRequest.Builder post = this.transport
			.request(Transport.jobPath(ApiPaths.JOB_CANCEL, id), new StringJoiner("&"))
			.POST(HttpRequest.BodyPublishers.noBody());
		return this.transport.send(post, this.transport.requestTimeout(), JobResponse.class);
	}

	/**
	 * Waits until a job is done, following its event stream ({@code GET
	 * /api/v1/jobs/{id}/events}) and reporting node states and live output to the
	 * listener. When the stream cannot be opened or breaks, for example while the brain
	 * restarts, it polls the job every 0.5 to 5 seconds and re-opens the stream as soon
	 * as it can, so the final result arrives as long as the brain comes back in time.
	 * @param id the job id
	 * @param timeout how long to wait in total, positive
	 * @param listener receives node states and output on the calling thread
	 * @return the final job
	 * @throws JobTimeoutException if the job was not done in time; it keeps running
	 * @throws OctoplaneApiException with {@code job-not-found} if the brain does not know
	 * the job, or on an authentication error
	 * @throws OctoplaneConnectionException if the calling thread was interrupted
	 */
	public JobResponse awaitJob(String id, Duration timeout, JobListener listener) {
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(listener, "listener must not be null");
		Builder.positive(timeout, "timeout");
		return new JobWatch(this, id, timeout, listener).await();
	}

	/**
	 * Workgroup administration: the acting workgroup and those below it.
	 * @return the workgroup calls of this client
	 */
	public WorkgroupApi workgroups() {
		return new WorkgroupApi(this.transport);
	}

	/**
	 * Scenarios of the acting workgroup and the nodeapps on its nodes.
	 * @return the scenario calls of this client
	 */
	public ScenarioApi scenarios() {
		return new ScenarioApi(this.transport);
	}

	/**
	 * File distribution: stage local files on the brain, install them on nodes, bring
	 * nodes' files back, list nodes' folders.
	 * @return the file calls of this client
	 */
	public FileApi files() {
		return new FileApi(this.transport);
	}

	/**
	 * Tunnels to TCP services nodes can reach, such as their sshd.
	 * @return the tunnel calls of this client
	 */
	public TunnelApi tunnels() {
		return new TunnelApi(this.transport);
	}

	/**
	 * Facts, labels and selections of nodes.
	 * @return the label calls of this client
	 */
	public NodeLabelApi labels() {
		return new NodeLabelApi(this.transport);
	}

	/**
	 * Lists one page of the jobs sent to any node a target list stands for now
	 * ({@code GET
	 * /api/v1/jobs?target=...}), newest first.
	 * @param limit how many at most, 1 to {@value #MAX_JOBS}
	 * @param cursor the previous page's {@code nextCursor}, or {@code null} for the
	 * newest
	 * @param targets node names, {@code @group}s and {@link NodeLabelApi#target}s
	 * @return the page
	 * @throws IllegalArgumentException if the limit is out of range
	 * @throws OctoplaneApiException with {@code invalid-request} if a selector matches no
	 * node
	 */
	public JobListResponse jobs(int limit, @Nullable String cursor, Collection<String> targets) {
		if (limit < 1 || limit > MAX_JOBS) {
			throw new IllegalArgumentException("limit must be between 1 and " + MAX_JOBS);
		}
		StringJoiner query = new StringJoiner("&").add("limit=" + limit);
		if (cursor != null) {
			query.add(Transport.param("cursor", cursor));
		}
		targets.forEach((target) -> query.add(Transport.param("target", target)));
		return this.transport.send(this.transport.request(ApiPaths.JOBS, query).GET(), this.transport.requestTimeout(),
				JobListResponse.class);
	}

	/**
	 * SSH logins of the acting workgroup, for {@code octl ssh login}.
	 * @return the SSH login calls of this client
	 */
	public SshApi ssh() {
		return new SshApi(this.transport);
	}

	/**
	 * API and join tokens of the acting workgroup.
	 * @return the token calls of this client
	 */
	public TokenApi tokens() {
		return new TokenApi(this.transport);
	}

	/**
	 * Online upgrade of the brain this client talks to.
	 * @return the brain upgrade calls of this client
	 */
	public BrainUpgradeApi brainUpgrade() {
		return new BrainUpgradeApi(this.transport);
	}

	/**
	 * Reads the audit trail of the acting workgroup and below, newest first
	 * ({@code GET /api/v1/audit}).
	 * @param limit how many entries at most, 1 to 1000
	 * @return the entries
	 * @throws OctoplaneApiException if the brain answered with an error
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public AuditResponse audit(int limit) {
		return audit(limit, null);
	}

	/**
	 * Reads one page of the audit trail of the acting workgroup and below, newest first
	 * ({@code GET /api/v1/audit}); calls made while paging never shift a later page.
	 * @param limit how many entries at most, 1 to 1000
	 * @param cursor the previous page's {@code nextCursor}, or {@code null} for the
	 * newest
	 * @return the page; its {@code nextCursor} is {@code null} on the last one
	 * @throws OctoplaneApiException if the brain answered with an error
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public AuditResponse audit(int limit, @Nullable String cursor) {
		if (limit < 1 || limit > 1000) {
			throw new IllegalArgumentException("limit must be between 1 and 1000");
		}
		StringJoiner query = new StringJoiner("&").add("limit=" + limit);
		if (cursor != null) {
			query.add(Transport.param("cursor", cursor));
		}
		return this.transport.send(this.transport.request(ApiPaths.AUDIT, query).GET(), this.transport.requestTimeout(),
				AuditResponse.class);
	}

	/**
	 * Reads the newest lines of the brain's log ({@code GET /api/v1/logs/brain}, root
	 * workgroup only) or of a node's ({@code GET /api/v1/nodes/{name}/logs}, which the
	 * brain asks the node's tentacle for).
	 * @param source {@value #BRAIN_LOG} for the log of the brain that answers,
	 * {@code brain:NAME} for the named brain's (relayed by the one that answers), or a
	 * node name
	 * @param lines how many of the newest lines, 1 to {@value LogQuery#MAX_LINES}
	 * @param days only lines of the last {@code days} days (1 to
	 * {@value LogQuery#MAX_DAYS}), or {@code null} for every retained line
	 * @return the lines, oldest first
	 * @throws OctoplaneApiException with {@code node-not-found} for an unknown or
	 * invisible node, {@code node-offline} for a node that is not connected,
	 * {@code not-found} for the brain's log outside the root workgroup
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public LogResponse logs(String source, int lines, @Nullable Integer days) {
		if (lines < 1 || lines > LogQuery.MAX_LINES) {
			throw new IllegalArgumentException("lines must be between 1 and " + LogQuery.MAX_LINES);
		}
		if (days != null && (days < 1 || days > LogQuery.MAX_DAYS)) {
			throw new IllegalArgumentException("days must be between 1 and " + LogQuery.MAX_DAYS);
		}
		boolean brain = BRAIN_LOG.equals(source) || source.startsWith(BRAIN_LOG + ":");
		String path = brain ? ApiPaths.BRAIN_LOGS : ApiPaths.NODE_LOGS.replace("{name}", Transport.segment(source));
		StringJoiner query = new StringJoiner("&").add("lines=" + lines);
		if (brain && !BRAIN_LOG.equals(source)) {
			query.add("brain=" + URLEncoder.encode(source.substring(BRAIN_LOG.length() + 1), StandardCharsets.UTF_8));
		}
		if (days != null) {
			query.add("days=" + days);
		}
		// A node's answer travels through the command path: allow for its time limit.
		Duration timeout = (this.transport.requestTimeout().compareTo(LOG_TIMEOUT) < 0) ? LOG_TIMEOUT
				: this.transport.requestTimeout();
		return this.transport.send(this.transport.request(path, query).GET(), timeout, LogResponse.class);
	}

	/**
	 * Revokes a node's certificate and cuts its connection ({@code POST
	 * /api/v1/nodes/{name}/revoke}).
	 * @param name the node
	 * @throws OctoplaneApiException with {@code node-not-found} if the node is unknown or
	 * not visible
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public void revokeNode(String name) {
		String path = ApiPaths.NODE_REVOKE.replace("{name}", Transport.segment(name));
		this.transport.sendNoContent(
				this.transport.request(path, new StringJoiner("&")).POST(HttpRequest.BodyPublishers.noBody()));
	}

	JobResponse job(String id, Duration timeout) {
		return this.transport.send(
				this.transport.request(Transport.jobPath(ApiPaths.JOB, id), new StringJoiner("&")).GET(), timeout,
				JobResponse.class);
	}

	HttpRequest eventsRequest(String id, Duration timeout, boolean nodes) {
		// A brain that does not know the parameter sends every event; JobWatch copes.
		StringJoiner query = new StringJoiner("&");
		if (!nodes) {
			query.add("nodes=false");
		}
		return this.transport.request(Transport.jobPath(ApiPaths.JOB_EVENTS, id), query)
			.setHeader("Accept", "text/event-stream, application/problem+json")
			.timeout(timeout)
			.GET()
			.build();
	}

	static StringJoiner nameQuery(Collection<String> names) {
		StringJoiner query = new StringJoiner("&");
		for (String name : names) {
			query.add("name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
		}
		return query;
	}

	/**
	 * Builder of {@link OctoplaneClient}. Only the base URI is required; an {@code https}
	 * brain also needs an {@link SSLContext} trusting the brain's CA, holding the
	 * operator's client certificate too unless {@link #authentication} is
	 * {@link ClientAuthentication#basic Basic} or {@link ClientAuthentication#bearer
	 * bearer}.
	 */
	public static final class Builder {

		private @Nullable URI baseUri;

		private @Nullable SSLContext sslContext;

		private Duration connectTimeout = Duration.ofSeconds(10);

		private Duration requestTimeout = Duration.ofSeconds(30);

		private ClientAuthentication authentication = ClientAuthentication.mutualTls();

		private @Nullable String workgroup;

		private Builder() {
		}

		/**
		 * Sets the brain's base URI, for example {@code https://127.0.0.1:12345}.
		 * @param baseUri the base URI; a path, if any, is ignored
		 * @return this builder
		 */
		public Builder baseUri(URI baseUri) {
			this.baseUri = Objects.requireNonNull(baseUri, "baseUri must not be null");
			return this;
		}

		/**
		 * Sets the TLS context: the operator's key and certificate, and the CA the
		 * brain's certificate must chain to.
		 * @param sslContext the TLS context
		 * @return this builder
		 */
		public Builder sslContext(SSLContext sslContext) {
			this.sslContext = Objects.requireNonNull(sslContext, "sslContext must not be null");
			return this;
		}

		/**
		 * Sets how long to wait for a TCP and TLS connection; 10 seconds by default.
		 * @param connectTimeout the connect timeout, positive
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = positive(connectTimeout, "connectTimeout");
			return this;
		}

		/**
		 * Sets how long to wait for the answer of one call, and for an event stream's
		 * headers; 30 seconds by default. {@link #awaitJob} takes its own overall
		 * timeout.
		 * @param requestTimeout the request timeout, positive
		 * @return this builder
		 */
		public Builder requestTimeout(Duration requestTimeout) {
			this.requestTimeout = positive(requestTimeout, "requestTimeout");
			return this;
		}

		/**
		 * Sets how requests carry credentials; {@link ClientAuthentication#mutualTls()}
		 * by default.
		 * @param authentication the authentication
		 * @return this builder
		 */
		public Builder authentication(ClientAuthentication authentication) {
			this.authentication = Objects.requireNonNull(authentication, "authentication must not be null");
			return this;
		}

		/**
		 * Makes every call act in a workgroup, by sending it as the
		 * {@value ApiPaths#WORKGROUP_HEADER} header: the caller's own workgroup or one
		 * below it, absolute ({@code /lab/pis}) or relative to the caller's own. Without
		 * it calls act in the caller's own workgroup ({@code /} for an operator
		 * certificate).
		 * @param workgroup the workgroup path, or {@code null} for the caller's own
		 * @return this builder
		 * @throws IllegalArgumentException if the path is blank or holds spaces or
		 * control characters
		 */
		public Builder workgroup(@Nullable String workgroup) {
			if (workgroup != null) {
				String trimmed = workgroup.strip();
				if (trimmed.isEmpty()) {
					throw new IllegalArgumentException("workgroup must not be blank");
				}
				if (!trimmed.chars().allMatch((c) -> c > ' ' && c <= '~')) {
					throw new IllegalArgumentException(
							"workgroup '" + trimmed + "' must be printable ASCII without spaces");
				}
				workgroup = trimmed;
			}
			this.workgroup = workgroup;
			return this;
		}

		/**
		 * Builds the client.
		 * @return the client
		 * @throws NullPointerException if no base URI was set
		 */
		public OctoplaneClient build() {
			return new OctoplaneClient(this);
		}

		static Duration positive(Duration duration, String name) {
			Objects.requireNonNull(duration, name + " must not be null");
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(name + " must be positive");
			}
			return duration;
		}

	}

}
