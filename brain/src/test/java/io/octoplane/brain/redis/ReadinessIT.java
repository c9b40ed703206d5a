package io.octoplane.brain.redis;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.octoplane.brain.BrainIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Liveness and readiness on the management port: a brain whose Redis is gone is not ready
 * (it can answer nothing) but still alive (restarting it would not bring Redis back), and
 * becomes ready again when Redis returns. Info names the build.
 */
@TestPropertySource(properties = "spring.data.redis.timeout=2s")
class ReadinessIT extends BrainIntegrationTest {

	@LocalManagementPort
	int managementPort;

	@Test
	void infoNamesTheBuildVersion() throws Exception {
		HttpResponse<String> info = get("/actuator/info");
		assertThat(info.statusCode()).isEqualTo(200);
		assertThat(info.body()).contains("\"build\"").contains("\"version\"").contains("octoplane-brain");
	}

	@Test
	void readinessFollowsRedisWhileLivenessStaysUp() throws Exception {
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		redis.stop();
		try {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503));
			assertThat(get("/actuator/health/readiness").body()).contains("\"DOWN\"");
			assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		}
		finally {
			redis.start();
		}
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200));
	}

	private HttpResponse<String> get(String path) throws Exception {
		try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
			return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + path))
				.timeout(Duration.ofSeconds(20))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

}
