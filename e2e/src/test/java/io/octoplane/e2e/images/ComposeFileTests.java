package io.octoplane.e2e.images;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.octoplane.testsupport.redis.RedisContainers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/docker/compose.yaml read as YAML and held to what {@code docker compose up}
 * relies on: pinned images, builds from Dockerfiles that exist, and services that start
 * only once what they depend on is healthy (or, for the one-shot certs service, done).
 */
class ComposeFileTests {

	private static final Path COMPOSE = DockerfileRulesTests.DOCKER.resolve("compose.yaml");

	private static final Set<String> CONDITIONS = Set.of("service_healthy", "service_completed_successfully");

	private static Map<String, Map<String, Object>> services;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void read() throws IOException {
		try (Reader reader = Files.newBufferedReader(COMPOSE)) {
			Map<String, Object> compose = new Yaml().load(reader);
			services = (Map<String, Map<String, Object>>) compose.get("services");
		}
		assertThat(services).isNotEmpty();
	}

	@Test
	void imagesArePinnedToAPatchRelease() {
		services.forEach((name, service) -> {
			Object image = service.get("image");
			if (image != null) {
				assertThat(image.toString()).as(name).matches("[^:]+:\\d+\\.\\d+\\.\\d+[^:]*").doesNotContain("latest");
			}
			else {
				assertThat(service).as(name + ": neither image nor build").containsKey("build");
			}
		});
	}

	@Test
	void redisIsTheImageTheTestsRun() {
		assertThat(services.get("redis").get("image")).isEqualTo(RedisContainers.IMAGE);
	}

	@Test
	void buildsUseDockerfilesOfTheRepository() {
		services.forEach((name, service) -> {
			Map<String, Object> build = map(service.get("build"));
			if (build.isEmpty()) {
				return;
			}
			Path context = COMPOSE.getParent().resolve(build.get("context").toString()).normalize();
			assertThat(context).as(name).isEqualTo(DockerfileRulesTests.ROOT);
			assertThat(context.resolve(build.get("dockerfile").toString())).as(name).isRegularFile();
		});
	}

	@Test
	void dependentsWaitUntilWhatTheyNeedIsHealthyOrDone() throws IOException {
		for (Map.Entry<String, Map<String, Object>> entry : services.entrySet()) {
			Object dependsOn = entry.getValue().get("depends_on");
			if (dependsOn == null) {
				continue;
			}
			assertThat(dependsOn).as(entry.getKey() + ": depends_on as a list waits only for a start")
				.isInstanceOf(Map.class);
			for (Map.Entry<String, Object> dependency : map(dependsOn).entrySet()) {
				String what = entry.getKey() + " -> " + dependency.getKey();
				Object condition = map(dependency.getValue()).get("condition");
				assertThat(condition).as(what).isIn(CONDITIONS);
				Map<String, Object> needed = services.get(dependency.getKey());
				assertThat(needed).as(what + ": no such service").isNotNull();
				if (condition.equals("service_healthy")) {
					assertThat(hasHealthCheck(needed)).as(what + ": the service has no health check").isTrue();
				}
				else {
					assertThat(needed.get("restart")).as(what + ": a one-shot service must not restart")
						.isEqualTo("no");
				}
			}
		}
	}

	@Test
	void longRunningServicesHaveAHealthCheck() throws IOException {
		for (Map.Entry<String, Map<String, Object>> entry : services.entrySet()) {
			if (!"no".equals(entry.getValue().get("restart"))) {
				assertThat(hasHealthCheck(entry.getValue())).as(entry.getKey()).isTrue();
			}
		}
	}

	@Test
	void noServiceFixesTheHeap() throws IOException {
		assertThat(Files.readString(COMPOSE)).doesNotContain("-Xmx");
	}

	/** A health check in compose.yaml, or in the image its Dockerfile builds. */
	private static boolean hasHealthCheck(Map<String, Object> service) throws IOException {
		Map<String, Object> healthcheck = map(service.get("healthcheck"));
		if (!healthcheck.isEmpty()) {
			return healthcheck.get("test") instanceof List<?> test && !test.isEmpty() && !"NONE".equals(test.get(0));
		}
		Map<String, Object> build = map(service.get("build"));
		if (build.isEmpty()) {
			return false;
		}
		Path dockerfile = DockerfileRulesTests.ROOT.resolve(build.get("dockerfile").toString());
		return Dockerfile.read(dockerfile)
			.finalStage()
			.last("HEALTHCHECK")
			.filter((instruction) -> instruction.arguments().contains("CMD"))
			.isPresent();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

}
