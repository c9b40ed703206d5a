package io.octoplane.brain.info;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.octoplane.brain.BrainIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The brain serves the CycloneDX bill of materials of its own build on the management
 * port, so an operator can check what a running brain ships.
 */
class SbomIT extends BrainIntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalManagementPort
	int managementPort;

	@Test
	void sbomEndpointListsTheApplicationBom() throws Exception {
		HttpResponse<String> ids = get("/actuator/sbom");
		assertThat(ids.statusCode()).isEqualTo(200);
		assertThat(json.readTree(ids.body()).get("ids").valueStream().map(JsonNode::asString)).contains("application");
	}

	@Test
	void applicationBomNamesTheBrainAndTheLibrariesItShips() throws Exception {
		HttpResponse<String> response = get("/actuator/sbom/application");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode bom = json.readTree(response.body());
		assertThat(bom.get("bomFormat").asString()).isEqualTo("CycloneDX");
		assertThat(bom.at("/metadata/component/name").asString()).isEqualTo("octoplane-brain");
		assertThat(bom.get("components").valueStream().map((component) -> component.get("name").asString()))
			.contains("spring-boot", "lettuce-core", "org.eclipse.jgit")
			.doesNotContain("junit-jupiter-api", "assertj-core");
	}

	private HttpResponse<String> get(String path) throws Exception {
		try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
			return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + path))
				.timeout(Duration.ofSeconds(20))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

}
