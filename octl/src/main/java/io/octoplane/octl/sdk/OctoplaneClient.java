package io.octoplane.octl.sdk;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.StringJoiner;

import javax.net.ssl.SSLContext;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.CommandResponse;
import io.octoplane.protocol.api.NodeListResponse;
import io.octoplane.protocol.api.NodeState;
import io.octoplane.protocol.api.NodeStatusResponse;
import io.octoplane.protocol.api.PruneResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

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
 * }</pre>
 */
public final class OctoplaneClient {

	private final URI baseUri;

	private final HttpClient http;

	private final ClientAuthentication authentication;

	private final Duration requestTimeout;

	private final JsonMapper mapper = OctoplaneJson.mapper();

	private OctoplaneClient(Builder builder) {
		this.baseUri = Objects.requireNonNull(builder.baseUri, "baseUri must not be null");
		this.authentication = builder.authentication;
		this.requestTimeout = builder.requestTimeout;
		HttpClient.Builder http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(builder.connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER);
		if (builder.sslContext != null) {
			http.sslContext(builder.sslContext);
		}
		this.http = http.build();
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
		return this.baseUri;
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
		StringJoiner query = nameQuery(names);
		if (state != null) {
			query.add("state=" + state.name().toLowerCase(Locale.ROOT));
		}
		return send(request(ApiPaths.NODES, query).GET(), this.requestTimeout, NodeListResponse.class);
	}

	/**
	 * Reads the latest host metrics of nodes ({@code GET /api/v1/nodes/status}).
	 * @param names node names, or empty for all
	 * @return the statuses with averages
	 * @throws OctoplaneApiException if the brain answered with an error
	 * @throws OctoplaneConnectionException if the brain could not be reached
	 */
	public NodeStatusResponse nodeStatus(Collection<String> names) {
		return send(request(ApiPaths.NODE_STATUS, nameQuery(names)).GET(), this.requestTimeout,
				NodeStatusResponse.class);
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
		return send(request(ApiPaths.NODES, nameQuery(names)).DELETE(), this.requestTimeout, PruneResponse.class);
	}

	/**
	 * Runs a command on nodes ({@code POST /api/v1/commands}) and waits until every
	 * target answered.
	 * @param request the command and its targets
	 * @param requestTimeout how long to wait for the answer; longer than the command's
	 * own timeout, since the brain answers only after the slowest node
	 * @return one result per target
	 * @throws OctoplaneApiException if the brain refused the command
	 * @throws OctoplaneConnectionException if the brain could not be reached or did not
	 * answer in time
	 */
	public CommandResponse run(CommandRequest request, Duration requestTimeout) {
		byte[] body = this.mapper.writeValueAsBytes(request);
		HttpRequest.Builder post = request(ApiPaths.COMMANDS, new StringJoiner("&"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		return send(post, requestTimeout, CommandResponse.class);
	}

	private HttpRequest.Builder request(String path, StringJoiner query) {
		String suffix = (query.length() > 0) ? "?" + query : "";
		HttpRequest.Builder request = HttpRequest.newBuilder(this.baseUri.resolve(path + suffix))
			.header("Accept", "application/json, application/problem+json");
		this.authentication.apply(request);
		return request;
	}

	private static StringJoiner nameQuery(Collection<String> names) {
		StringJoiner query = new StringJoiner("&");
		for (String name : names) {
			query.add("name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
		}
		return query;
	}

	private <T> T send(HttpRequest.Builder request, Duration timeout, Class<T> type) {
		HttpResponse<String> response;
		try {
			response = this.http.send(request.timeout(timeout).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw OctoplaneConnectionException.of(this.baseUri, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw OctoplaneConnectionException.interrupted(this.baseUri, ex);
		}
		if (response.statusCode() / 100 != 2) {
			throw ProblemResponses.toException(response, this.mapper);
		}
		try {
			return this.mapper.readValue(response.body(), type);
		}
		catch (JacksonException ex) {
			throw ProblemResponses.unreadable(response, ex);
		}
	}

	/**
	 * Builder of {@link OctoplaneClient}. Only the base URI is required; an {@code https}
	 * brain also needs an {@link SSLContext} holding the operator's client certificate
	 * and the brain's CA.
	 */
	public static final class Builder {

		private @Nullable URI baseUri;

		private @Nullable SSLContext sslContext;

		private Duration connectTimeout = Duration.ofSeconds(10);

		private Duration requestTimeout = Duration.ofSeconds(30);

		private ClientAuthentication authentication = ClientAuthentication.mutualTls();

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
		 * Sets how long to wait for the answer of a query ({@code nodes}, {@code status},
		 * {@code prune}); 30 seconds by default. Commands take their own timeout.
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
		 * Builds the client.
		 * @return the client
		 * @throws NullPointerException if no base URI was set
		 */
		public OctoplaneClient build() {
			return new OctoplaneClient(this);
		}

		private static Duration positive(Duration duration, String name) {
			Objects.requireNonNull(duration, name + " must not be null");
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(name + " must be positive");
			}
			return duration;
		}

	}

}
