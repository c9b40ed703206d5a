package io.octoplane.brain.upgrade;

import io.octoplane.brain.BrainIntegrationTest;
import io.octoplane.brain.security.ApiClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** A brain started without the upgrade launcher refuses upgrades with a clear problem. */
class NotLaunchedIT extends BrainIntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void upgradeOfBrainWithoutLauncherIsRefused() throws Exception {
		ApiClient api = ApiClient.operator(certs, this.port);
		var state = api.get("/api/v1/brain/upgrade");
		assertThat(state.statusCode()).isEqualTo(409);
		assertThat(state.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(state.body()).contains("\"code\":\"upgrade-not-launched\"",
				"\"type\":\"urn:octoplane:problem:upgrade-not-launched\"",
				"brain test-brain does not run under the upgrade launcher",
				"java -jar brain.jar upgrade --home DIR launch");
		var upgrade = api.post("/api/v1/brain/upgrade", "{\"action\":\"upgrade\",\"version\":\"2.0.0\"}");
		assertThat(upgrade.statusCode()).isEqualTo(409);
		assertThat(upgrade.body()).contains("\"code\":\"upgrade-not-launched\"");
	}

}
