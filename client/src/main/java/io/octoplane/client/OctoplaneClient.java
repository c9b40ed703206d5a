package io.octoplane.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

import javax.net.ssl.SSLContext;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.BrainInfo;
import org.jspecify.annotations.Nullable;

/**
 * Client of the brain's REST API ({@link ApiPaths}), one sub-API per area
 * ({@link #nodes()}, {@link #files()}, ...) over one connection pool. Each call makes one
 * HTTPS request and returns the answer's wire record, or throws
 * {@link OctoplaneApiException} when the brain answered with an error and
 * {@link OctoplaneConnectionException} when it could not be reached. Instances are
 * thread-safe and hold one connection pool; build one per brain with {@link #builder()}.
 *
 * <pre>{@code
 * OctoplaneClient client = OctoplaneClient.builder()
 * 	.baseUri(URI.create("https://127.0.0.1:12345"))
 * 	.sslContext(PemTls.clientContext(cert, key, ca))
 * 	.build();
 * NodeListResponse nodes = client.nodes().list(List.of(), NodeState.ONLINE);
 * JobResponse job = client.jobs().submit(CommandRequest.of(List.of("pi1"), CommandMode.SHELL, "uptime"));
 * JobResponse done = client.jobs().await(job.id(), Duration.ofMinutes(2), JobListener.none());
 * }</pre>
 */
public final class OctoplaneClient {

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
	 * Commands: start jobs, read, list, cancel and follow them.
	 * @return the job calls of this client
	 */
	public JobApi jobs() {
		return new JobApi(this.transport);
	}

	/**
	 * The node registry: listings, host metrics and their history, pruning, revoking.
	 * @return the node calls of this client
	 */
	public NodeApi nodes() {
		return new NodeApi(this.transport);
	}

	/**
	 * The audit trail of the acting workgroup and below.
	 * @return the audit calls of this client
	 */
	public AuditApi audit() {
		return new AuditApi(this.transport);
	}

	/**
	 * The brain's own log and nodes' tentacle logs.
	 * @return the log calls of this client
	 */
	public LogApi logs() {
		return new LogApi(this.transport);
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
		 * headers; 30 seconds by default. {@link JobApi#await} takes its own overall
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
