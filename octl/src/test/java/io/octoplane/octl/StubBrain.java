package io.octoplane.octl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.octoplane.certs.CertFixtures;
import io.octoplane.certs.tls.PemTls;
import io.octoplane.octl.sdk.OctoplaneJson;
import io.octoplane.protocol.ErrorCode;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for the brain: a real HTTPS server on 127.0.0.1 that demands a client
 * certificate from the fixtures' CA, serves canned answers per method and path, and
 * records every request.
 */
public final class StubBrain implements AutoCloseable {

	private final HttpsServer server;

	private final JsonMapper mapper = OctoplaneJson.mapper();

	private final Map<String, Answer> answers = new ConcurrentHashMap<>();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private StubBrain(HttpsServer server) {
		this.server = server;
	}

	public static StubBrain start(CertFixtures certs) {
		try {
			SSLContext tls = PemTls.serverContext(certs.brain().certificate(), certs.brain().privateKey(),
					certs.caCert());
			HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.setHttpsConfigurator(new HttpsConfigurator(tls) {

				@Override
				public void configure(HttpsParameters params) {
					SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
					parameters.setNeedClientAuth(true);
					params.setSSLParameters(parameters);
				}

			});
			StubBrain brain = new StubBrain(server);
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

	public StubBrain answer(String method, String path, int status, String contentType, String body) {
		this.answers.put(method + " " + path, new Answer(status, contentType, body));
		return this;
	}

	public StubBrain answerJson(String method, String path, Object value) {
		return answer(method, path, 200, "application/json", this.mapper.writeValueAsString(value));
	}

	public StubBrain answerProblem(String method, String path, ErrorCode code, String detail) {
		String body = this.mapper.writeValueAsString(Map.of("type", code.typeUri(), "title", "Problem: " + code.slug(),
				"status", code.httpStatus(), "detail", detail, "instance", path, "code", code.slug()));
		return answer(method, path, code.httpStatus(), "application/problem+json", body);
	}

	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	public Request lastRequest() {
		return this.requests.getLast();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
			String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			URI uri = exchange.getRequestURI();
			this.requests.add(new Request(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(), body));
			Answer answer = this.answers.getOrDefault(exchange.getRequestMethod() + " " + uri.getPath(),
					new Answer(404, "application/problem+json", "{\"title\":\"Not Found\",\"code\":\"not-found\"}"));
			byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", answer.contentType());
			exchange.sendResponseHeaders(answer.status(), bytes.length);
			out.write(bytes);
		}
	}

	/**
	 * One request as the stub received it.
	 *
	 * @param method the HTTP method
	 * @param path the path
	 * @param query the raw query, or {@code null}
	 * @param body the body as text
	 */
	public record Request(String method, String path, @Nullable String query, String body) {
	}

	private record Answer(int status, String contentType, String body) {
	}

}
