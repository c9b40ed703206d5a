package io.octoplane.brain.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import javax.net.ssl.SSLContext;

import io.octoplane.brain.BrainIntegrationTest;
import io.octoplane.certs.PemPair;
import io.octoplane.protocol.tls.PemTls;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's door on the API port: an operator certificate signs in by itself, a node
 * certificate or no credentials lead to the login form, pages carry the strict headers,
 * and the API keeps answering problem documents rather than redirects.
 */
class ConsoleSecurityIT extends BrainIntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void anOperatorCertificateSignsInWithoutAPassword() throws Exception {
		PemPair operator = certs.operator("alice");
		HttpResponse<String> fleet = get(
				PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert()), "/ui/nodes");
		assertThat(fleet.statusCode()).isEqualTo(200);
		assertThat(fleet.body()).contains("alice").contains("id=\"fleet-table\"");
		assertThat(fleet.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((csp) -> assertThat(csp).contains("default-src 'none'")
				.contains("script-src 'self'")
				.contains("frame-ancestors 'none'"));
		assertThat(fleet.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
		assertThat(fleet.headers().firstValue("X-Frame-Options")).contains("DENY");
	}

	@Test
	void aNodeCertificateOrNoneIsSentToTheLoginForm() throws Exception {
		PemPair node = certs.node("consolenode1");
		HttpResponse<String> withNode = get(PemTls.clientContext(node.certificate(), node.privateKey(), certs.caCert()),
				"/ui/nodes");
		assertThat(withNode.statusCode()).isEqualTo(302);
		assertThat(withNode.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/ui/login"));
		HttpResponse<String> anonymous = get(PemTls.trustOnly(certs.caCert()), "/ui/nodes");
		assertThat(anonymous.statusCode()).isEqualTo(302);
		HttpResponse<String> login = get(PemTls.trustOnly(certs.caCert()), "/ui/login");
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).contains("name=\"_csrf\"");
		assertThat(login.headers().allValues("Set-Cookie")).allSatisfy(
				(cookie) -> assertThat(cookie).contains("Secure").contains("HttpOnly").contains("SameSite=Strict"));
	}

	@Test
	void theApiStillAnswersProblemsNotRedirects() throws Exception {
		HttpResponse<String> api = get(PemTls.trustOnly(certs.caCert()), "/api/v1/nodes");
		assertThat(api.statusCode()).isEqualTo(401);
		assertThat(api.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(api.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
	}

	private HttpResponse<String> get(SSLContext tls, String path) throws Exception {
		HttpClient http = HttpClient.newBuilder().sslContext(tls).build();
		return http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
