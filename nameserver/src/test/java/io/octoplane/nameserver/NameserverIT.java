package io.octoplane.nameserver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

import io.octoplane.certs.CertFixtures;
import io.octoplane.certs.tls.PemTls;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The nameserver over real HTTPS, and its health on the management port. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NameserverIT {

	static final CertFixtures certs;

	static {
		try {
			certs = CertFixtures.create(Files.createTempDirectory("octoplane-ns-certs-"));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("octoplane.tls.certificate", () -> "file:" + certs.nameserver().certificate());
		registry.add("octoplane.tls.private-key", () -> "file:" + certs.nameserver().privateKey());
		registry.add("octoplane.tls.ca", () -> "file:" + certs.caCert());
		registry.add("management.server.port", () -> 0);
		registry.add("octoplane.nameserver.brains", () -> "brain1.example:3457,brain2.example:3457");
	}

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Test
	void announcesConfiguredBrains() throws Exception {
		try (HttpClient client = HttpClient.newBuilder().sslContext(PemTls.trustOnly(certs.caCert())).build()) {
			HttpResponse<String> response = client
				.send(HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + "/api/v1/brains"))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("{\"brains\":[\"brain1.example:3457\",\"brain2.example:3457\"]}");
		}
	}

	@Test
	void reportsHealthOnLoopbackManagementPort() throws Exception {
		try (HttpClient client = HttpClient.newHttpClient()) {
			HttpResponse<String> response = client
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/health"))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("\"status\":\"UP\"");
		}
	}

}
