package io.octoplane.brain.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import javax.net.ssl.SSLContext;

import io.octoplane.certs.PemPair;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.testsupport.certs.CertFixtures;

/**
 * A small HTTPS client for security tests: any TLS identity, any Authorization header,
 * any acting workgroup, so tests can play both the operator and the intruder.
 */
public final class ApiClient {

	private final int port;

	private final SSLContext tls;

	private final String authorization;

	private final String workgroup;

	private ApiClient(int port, SSLContext tls, String authorization, String workgroup) {
		this.port = port;
		this.tls = tls;
		this.authorization = authorization;
		this.workgroup = workgroup;
	}

	public static ApiClient of(int port, SSLContext tls) {
		return new ApiClient(port, tls, null, null);
	}

	/** A client with operator alice's certificate, acting in the root workgroup. */
	public static ApiClient operator(CertFixtures certs, int port) throws Exception {
		PemPair operator = certs.operator("alice");
		return of(port, PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert()));
	}

	public ApiClient basic(String user, String password) {
		String encoded = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		return new ApiClient(this.port, this.tls, "Basic " + encoded, this.workgroup);
	}

	public ApiClient bearer(String token) {
		return new ApiClient(this.port, this.tls, "Bearer " + token, this.workgroup);
	}

	public ApiClient actingIn(String path) {
		return new ApiClient(this.port, this.tls, this.authorization, path);
	}

	public HttpResponse<String> get(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	public HttpResponse<String> post(String path, String json) throws Exception {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	public HttpResponse<String> put(String path, String json) throws Exception {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	public HttpResponse<String> delete(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).DELETE());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		if (this.workgroup != null) {
			request.header("X-Octoplane-Workgroup", this.workgroup);
		}
		try (HttpClient client = HttpClient.newBuilder()
			.sslContext(this.tls)
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build()) {
			return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	private URI uri(String path) {
		return URI.create("https://localhost:" + this.port + path);
	}

}
