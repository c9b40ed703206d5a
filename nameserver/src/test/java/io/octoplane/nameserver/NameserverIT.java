package io.octoplane.nameserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import io.octoplane.certs.PemPair;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.testsupport.certs.CertFixtures;
import io.octoplane.testsupport.clock.MutableClock;
import io.octoplane.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The nameserver over real HTTPS with mutual TLS and a real Redis: registration, expiry,
 * queries and the role check.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + NameserverApplication.CONFIG_NAME,
				"spring.main.allow-bean-definition-overriding=true" })
class NameserverIT {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	static final CertFixtures certs;

	static {
		try {
			certs = CertFixtures.create(Files.createTempDirectory("octoplane-ns-certs-"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		NameserverTestProperties.register(registry, redis, certs);
	}

	@TestConfiguration
	static class Time {

		@Bean
		@Primary
		MutableClock clock() {
			return new MutableClock();
		}

	}

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	MutableClock clock;

	@Test
	void registeredEntryIsFoundUntilItsTtlRunsOut() throws Exception {
		HttpResponse<String> put = call(certs.brain(), "PUT", "/api/v1/names/brain-ttl",
				"{\"kind\":\"brain\",\"addresses\":[\"127.0.0.1:3457\"],\"metadata\":{\"api\":\"127.0.0.1:12345\"},"
						+ "\"ttl_seconds\":30}");
		assertThat(put.statusCode()).isEqualTo(200);
		assertThat(put.body()).contains("\"registered_by\":\"brain\"");
		HttpResponse<String> found = call(certs.node("ttl-node"), "GET", "/api/v1/names/brain-ttl", null);
		assertThat(found.statusCode()).isEqualTo(200);
		assertThat(found.body()).contains("\"addresses\":[\"127.0.0.1:3457\"]").contains("\"api\":\"127.0.0.1:12345\"");
		this.clock.advance(Duration.ofSeconds(31));
		HttpResponse<String> expired = call(certs.node("ttl-node"), "GET", "/api/v1/names/brain-ttl", null);
		assertThat(expired.statusCode()).isEqualTo(404);
		assertThat(expired.body()).contains("\"code\":\"name-not-found\"");
		assertThat(call(certs.operator("ttl-op"), "GET", "/api/v1/names?prefix=brain-ttl", null).body())
			.isEqualTo("{\"entries\":[]}");
	}

	@Test
	void refreshKeepsAnEntryAlive() throws Exception {
		String body = "{\"kind\":\"brain\",\"addresses\":[\"10.0.0.1:3457\"],\"ttl_seconds\":30}";
		assertThat(call(certs.brain(), "PUT", "/api/v1/names/refreshed", body).statusCode()).isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(20));
		assertThat(call(certs.brain(), "PUT", "/api/v1/names/refreshed", body).statusCode()).isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(20));
		assertThat(call(certs.node("refresh-node"), "GET", "/api/v1/names/refreshed", null).statusCode())
			.isEqualTo(200);
	}

	@Test
	void listsByPrefixSuffixAndSubstringAndSummarises() throws Exception {
		for (String name : new String[] { "list-a.eu", "list-b.eu", "list-c.us" }) {
			String body = "{\"kind\":\"listed\",\"addresses\":[\"" + name + ":1\"],\"ttl_seconds\":60}";
			assertThat(call(certs.brain(), "PUT", "/api/v1/names/" + name, body).statusCode()).isEqualTo(200);
		}
		PemPair node = certs.node("list-node");
		assertThat(call(node, "GET", "/api/v1/names?prefix=list-", null).body()).contains("list-a.eu", "list-b.eu",
				"list-c.us");
		assertThat(call(node, "GET", "/api/v1/names?prefix=list-&suffix=.eu", null).body())
			.contains("list-a.eu", "list-b.eu")
			.doesNotContain("list-c.us");
		assertThat(call(node, "GET", "/api/v1/names?contains=c.u", null).body()).contains("list-c.us")
			.doesNotContain("list-a.eu");
		assertThat(call(node, "GET", "/api/v1/name-summary", null).body()).contains("\"listed\":3");
	}

	@Test
	void operatorRemovesAnEntry() throws Exception {
		call(certs.brain(), "PUT", "/api/v1/names/removed",
				"{\"kind\":\"brain\",\"addresses\":[\"10.0.0.2:3457\"],\"ttl_seconds\":60}");
		assertThat(call(certs.operator("remover"), "DELETE", "/api/v1/names/removed", null).statusCode())
			.isEqualTo(204);
		assertThat(call(certs.node("remove-node"), "GET", "/api/v1/names/removed", null).statusCode()).isEqualTo(404);
	}

	@Test
	void answersCarryTheStandardSecurityHeaders() throws Exception {
		HttpResponse<String> response = call(certs.node("headers-node"), "GET", "/api/v1/names?prefix=none", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(response.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void nodeCertificateCannotRegister() throws Exception {
		HttpResponse<String> response = call(certs.node("rogue"), "PUT", "/api/v1/names/brain",
				"{\"kind\":\"brain\",\"addresses\":[\"6.6.6.6:3457\"],\"ttl_seconds\":60}");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"code\":\"forbidden\"");
	}

	@Test
	void roleLessCertificateCannotRead() throws Exception {
		HttpResponse<String> response = call(certs.nodeWithoutRole("plain"), "GET", "/api/v1/names", null);
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("\"code\":\"forbidden\"");
	}

	@Test
	void callWithoutCertificateFailsTheHandshake() throws Exception {
		try (HttpClient client = HttpClient.newBuilder().sslContext(PemTls.trustOnly(certs.caCert())).build()) {
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> client.send(
					HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + "/api/v1/names")).build(),
					HttpResponse.BodyHandlers.ofString()));
		}
	}

	@Test
	void certificateOfAForeignCaFailsTheHandshake() throws Exception {
		PemPair foreign = certs.foreignNode("foreigner");
		SSLContext context = PemTls.clientContext(foreign.certificate(), foreign.privateKey(), certs.caCert());
		try (HttpClient client = HttpClient.newBuilder().sslContext(context).build()) {
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> client.send(
					HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + "/api/v1/names")).build(),
					HttpResponse.BodyHandlers.ofString()));
		}
	}

	@Test
	void invalidRegistrationsAreRefused() throws Exception {
		assertThat(call(certs.brain(), "PUT", "/api/v1/names/Bad%20Name",
				"{\"kind\":\"brain\",\"addresses\":[\"10.0.0.1:1\"],\"ttl_seconds\":60}")
			.body()).contains("\"code\":\"invalid-request\"");
		assertThat(call(certs.brain(), "PUT", "/api/v1/names/too-long",
				"{\"kind\":\"brain\",\"addresses\":[\"10.0.0.1:1\"],\"ttl_seconds\":86400}")
			.body()).contains("ttl_seconds 86400 must be between 1 and 600");
		assertThat(call(certs.brain(), "PUT", "/api/v1/names/no-port",
				"{\"kind\":\"brain\",\"addresses\":[\"10.0.0.1\"],\"ttl_seconds\":60}")
			.statusCode()).isEqualTo(400);
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

	private HttpResponse<String> call(PemPair identity, String method, String path, String body) throws Exception {
		SSLContext context = PemTls.clientContext(identity.certificate(), identity.privateKey(), certs.caCert());
		try (HttpClient client = HttpClient.newBuilder().sslContext(context).build()) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + path))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
						: HttpRequest.BodyPublishers.noBody());
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

}
