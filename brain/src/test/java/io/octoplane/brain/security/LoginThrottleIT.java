package io.octoplane.brain.security;

import java.net.http.HttpResponse;

import io.octoplane.brain.BrainIntegrationTest;
import io.octoplane.protocol.tls.PemTls;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing is throttled per source address: after a few failures even the right
 * password is refused with 429 for a while, so a dictionary cannot be run at speed. A
 * context of its own, so the throttle does not leak into other tests.
 */
@TestPropertySource(properties = "octoplane.security.failed-logins-per-minute=3")
class LoginThrottleIT extends BrainIntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void bruteForceIsRefusedWithTooManyRequests() throws Exception {
		ApiClient anonymous = ApiClient.of(this.port, PemTls.trustOnly(certs.caCert()));
		for (int i = 0; i < 3; i++) {
			assertThat(anonymous.basic("/", "guess" + i).get("/api/v1/nodes").statusCode()).isEqualTo(401);
		}
		HttpResponse<String> throttled = anonymous.basic("/", "guess-again").get("/api/v1/nodes");
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
		assertThat(throttled.body()).contains("\"code\":\"too-many-requests\"");
	}

}
