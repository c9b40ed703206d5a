package io.octoplane.brain.upgrade;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import io.octoplane.certs.CertFixtures;
import io.octoplane.certs.PemPair;
import io.octoplane.certs.tls.PemTls;
import org.jspecify.annotations.Nullable;

/** Calls the brain's REST API as operator alice, in the root workgroup or below it. */
final class OperatorApi {

	private final int port;

	private final SSLContext tls;

	private final @Nullable String workgroup;

	private OperatorApi(int port, SSLContext tls, @Nullable String workgroup) {
		this.port = port;
		this.tls = tls;
		this.workgroup = workgroup;
	}

	static OperatorApi of(CertFixtures certs, int port) throws Exception {
		PemPair operator = certs.operator("alice");
		return new OperatorApi(port,
				PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert()), null);
	}

	OperatorApi actingIn(String path) {
		return new OperatorApi(this.port, this.tls, path);
	}

	HttpResponse<String> get(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	HttpResponse<String> post(String path, String json) throws Exception {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
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
