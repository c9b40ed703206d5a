package io.octoplane.testsupport.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.BlobResponse;
import io.octoplane.protocol.digest.Sha256;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.testsupport.certs.CertFixtures;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for the brain: a real HTTPS server on 127.0.0.1 that demands a client
 * certificate from the fixtures' CA (or, like the real brain, only asks for one with
 * {@link #startAskingForCertificate}), serves canned answers per method and path (in
 * sequence, the last one repeating), plays {@link SseScript}s on event stream paths, and
 * records every request with its {@code Authorization} and
 * {@value ApiPaths#WORKGROUP_HEADER} headers. With {@link #requireAuthorization} it
 * answers 401 {@code unauthenticated} to requests without the expected credentials.
 */
public final class StubBrain implements AutoCloseable {

	private static final JsonMapper MAPPER = StubJson.MAPPER;

	private final HttpsServer server;

	private final ExecutorService executor;

	private final Map<String, Sequence<Answer>> answers = new ConcurrentHashMap<>();

	private final Map<String, Sequence<SseScript>> streams = new ConcurrentHashMap<>();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger refused = new AtomicInteger();

	private final Set<InetSocketAddress> clients = ConcurrentHashMap.newKeySet();

	private volatile long downUntil;

	private volatile @Nullable String requiredAuthorization;

	private volatile boolean storesBlobs;

	private StubBrain(HttpsServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	public static StubBrain start(CertFixtures certs) {
		return start(certs, true);
	}

	/**
	 * Starts a stub that asks for a client certificate but, like the brain, also serves
	 * callers without one (HTTP Basic or bearer tokens).
	 */
	public static StubBrain startAskingForCertificate(CertFixtures certs) {
		return start(certs, false);
	}

	private static StubBrain start(CertFixtures certs, boolean needClientCertificate) {
		try {
			SSLContext tls = PemTls.serverContext(certs.brain().certificate(), certs.brain().privateKey(),
					certs.caCert());
			HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.setHttpsConfigurator(new HttpsConfigurator(tls) {

				@Override
				public void configure(HttpsParameters params) {
					SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
					if (needClientCertificate) {
						parameters.setNeedClientAuth(true);
					}
					else {
						parameters.setWantClientAuth(true);
					}
					params.setSSLParameters(parameters);
				}

			});
			// Event streams hold their exchange open, so every exchange needs a thread.
			ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
			server.setExecutor(executor);
			StubBrain brain = new StubBrain(server, executor);
			server.createContext("/", brain::handle);
			server.start();
			return brain;
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot start the stub brain", ex);
		}
	}

	public URI uri() {
		return URI.create("https://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/** Answers each request with the next answer; the last one repeats. */
	public StubBrain answers(String method, String path, Answer... answers) {
		this.answers.put(method + " " + path, new Sequence<>(List.of(answers)));
		return this;
	}

	public StubBrain answer(String method, String path, int status, String contentType, String body) {
		return answers(method, path, new Answer(status, contentType, body, Map.of()));
	}

	public StubBrain answerJson(String method, String path, Object value) {
		return answers(method, path, Answer.json(value));
	}

	public StubBrain answerProblem(String method, String path, ErrorCode code, String detail) {
		return answers(method, path, Answer.problem(code, detail));
	}

	/**
	 * Answers 401 {@code unauthenticated} (with {@code WWW-Authenticate: Basic}) to every
	 * request whose {@code Authorization} header is not exactly this one.
	 */
	public StubBrain requireAuthorization(String authorization) {
		this.requiredAuthorization = authorization;
		return this;
	}

	/**
	 * Answers every {@code POST} to {@link ApiPaths#FILE_BLOBS} as a brain that stored
	 * the body does: 201 with its SHA-256 and size, whatever the bytes were.
	 */
	public StubBrain storesBlobs() {
		this.storesBlobs = true;
		return this;
	}

	/** Plays one script per connection to {@code GET path}; the last one repeats. */
	public StubBrain events(String path, SseScript... scripts) {
		return events("GET", path, scripts);
	}

	/** Plays one script per request to {@code METHOD path}; the last one repeats. */
	public StubBrain events(String method, String path, SseScript... scripts) {
		this.streams.put(method + " " + path, new Sequence<>(List.of(scripts)));
		return this;
	}

	/**
	 * Acts like a killed brain for a while: every connection is closed without an answer
	 * (and not recorded) until the time is up, as if it restarted.
	 */
	public void goDown(Duration duration) {
		this.downUntil = System.nanoTime() + duration.toNanos();
	}

	/** How many requests came in while the stub was down. */
	public int refusedWhileDown() {
		return this.refused.get();
	}

	/** How many connections (distinct client addresses and ports) sent requests. */
	public int connections() {
		return this.clients.size();
	}

	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	public List<Request> requests(String method, String path) {
		return this.requests.stream()
			.filter((request) -> request.method().equals(method) && request.path().equals(path))
			.toList();
	}

	public Request lastRequest() {
		return this.requests.getLast();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		if (System.nanoTime() < this.downUntil) {
			this.refused.incrementAndGet();
			// Leaving the exchange open makes the server close the connection unanswered.
			throw new IOException("stub brain is down");
		}
		byte[] raw;
		try (InputStream in = exchange.getRequestBody()) {
			raw = in.readAllBytes();
		}
		this.clients.add(exchange.getRemoteAddress());
		String body = new String(raw, StandardCharsets.UTF_8);
		URI uri = exchange.getRequestURI();
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		this.requests
			.add(new Request(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(), body, authorization,
					exchange.getRequestHeaders().getFirst(ApiPaths.WORKGROUP_HEADER), clientCertificate(exchange)));
		String key = exchange.getRequestMethod() + " " + uri.getPath();
		String required = this.requiredAuthorization;
		Answer answer;
		if (required != null && !required.equals(authorization)) {
			answer = Answer.problem(ErrorCode.UNAUTHENTICATED, "wrong workgroup or password")
				.withHeader("WWW-Authenticate", "Basic realm=\"octoplane\", charset=\"UTF-8\"");
		}
		else if (this.storesBlobs && key.equals("POST " + ApiPaths.FILE_BLOBS)) {
			answer = Answer.json(201, new BlobResponse(Sha256.of(raw), raw.length));
		}
		else {
			Sequence<SseScript> scripts = this.streams.get(key);
			if (scripts != null) {
				scripts.next().play(exchange);
				return;
			}
			Sequence<Answer> sequence = this.answers.get(key);
			answer = (sequence != null) ? sequence.next() : new Answer(404, "application/problem+json",
					"{\"title\":\"Not Found\",\"code\":\"not-found\"}", Map.of());
		}
		if (answer.status() == 0) {
			throw new IOException("stub brain hangs up");
		}
		try (exchange; OutputStream out = exchange.getResponseBody()) {
			byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", answer.contentType());
			answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
			exchange.sendResponseHeaders(answer.status(), bytes.length);
			out.write(bytes);
		}
	}

	private static @Nullable String clientCertificate(HttpExchange exchange) {
		if (!(exchange instanceof HttpsExchange https)) {
			return null;
		}
		try {
			Certificate[] chain = https.getSSLSession().getPeerCertificates();
			return (chain.length > 0 && chain[0] instanceof X509Certificate x509)
					? x509.getSubjectX500Principal().getName() : null;
		}
		catch (SSLPeerUnverifiedException ex) {
			return null;
		}
	}

	/**
	 * One request as the stub received it.
	 *
	 * @param method the HTTP method
	 * @param path the path
	 * @param query the raw query, or {@code null}
	 * @param body the body as text
	 * @param authorization the {@code Authorization} header, or {@code null}
	 * @param workgroup the {@value ApiPaths#WORKGROUP_HEADER} header, or {@code null}
	 * @param clientCertificate the subject of the TLS client certificate, or {@code null}
	 * when the client sent none
	 */
	public record Request(String method, String path, @Nullable String query, String body,
			@Nullable String authorization, @Nullable String workgroup, @Nullable String clientCertificate) {
	}

	/**
	 * One canned answer.
	 *
	 * @param status the HTTP status
	 * @param contentType the content type
	 * @param body the body
	 * @param headers further response headers
	 */
	public record Answer(int status, String contentType, String body, Map<String, String> headers) {

		public static Answer json(Object value) {
			return json(200, value);
		}

		public static Answer json(int status, Object value) {
			return new Answer(status, "application/json", MAPPER.writeValueAsString(value), Map.of());
		}

		public static Answer problem(ErrorCode code, String detail) {
			String body = MAPPER.writeValueAsString(Map.of("type", code.typeUri(), "title", "Problem: " + code.slug(),
					"status", code.httpStatus(), "detail", detail, "code", code.slug()));
			return new Answer(code.httpStatus(), "application/problem+json", body, Map.of());
		}

		/**
		 * No answer at all: the connection is closed once the request was read, as when
		 * the brain that took it is killed behind a balancer (another answers the next
		 * call).
		 * @return the answer
		 */
		public static Answer hangUp() {
			return new Answer(0, "", "", Map.of());
		}

		public Answer withHeader(String name, String value) {
			Map<String, String> headers = new HashMap<>(this.headers);
			headers.put(name, value);
			return new Answer(this.status, this.contentType, this.body, Map.copyOf(headers));
		}

	}

	private static final class Sequence<T> {

		private final List<T> items;

		private final AtomicInteger next = new AtomicInteger();

		Sequence(List<T> items) {
			this.items = items;
		}

		T next() {
			return this.items.get(Math.min(this.next.getAndIncrement(), this.items.size() - 1));
		}

	}

}
