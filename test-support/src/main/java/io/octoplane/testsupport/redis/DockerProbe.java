package io.octoplane.testsupport.redis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine answers, for {@link RedisMode#AUTO}. Testcontainers is asked
 * only when something hints at an engine (DOCKER_HOST, a Testcontainers configuration or
 * one of the usual sockets): on a machine with none, as in CI, its search costs a second
 * per test JVM and logs an error that is no error there.
 */
final class DockerProbe {

	private DockerProbe() {
	}

	/** Whether a Docker engine answers on this machine. */
	static boolean dockerAvailable() {
		Path home = Path.of(System.getProperty("user.home"));
		return hintsAtEngine(System.getenv(), home, Files::exists)
				&& DockerClientFactory.instance().isDockerAvailable();
	}

	/**
	 * Whether anything hints at a Docker engine Testcontainers could find.
	 * @param env the process environment
	 * @param home the user's home folder
	 * @param exists whether a path exists
	 * @return whether to ask Testcontainers
	 */
	static boolean hintsAtEngine(Map<String, String> env, Path home, Predicate<Path> exists) {
		if (env.containsKey("DOCKER_HOST") || env.containsKey("TESTCONTAINERS_HOST_OVERRIDE")) {
			return true;
		}
		List<Path> candidates = new ArrayList<>(
				List.of(Path.of("/var/run/docker.sock"), home.resolve(".testcontainers.properties"),
						home.resolve(".docker/run/docker.sock"), home.resolve(".docker/desktop/docker.sock"),
						home.resolve(".colima/default/docker.sock"), home.resolve(".rd/docker.sock")));
		String runtimeDir = env.get("XDG_RUNTIME_DIR");
		if (runtimeDir != null) {
			candidates.add(Path.of(runtimeDir, "docker.sock"));
			candidates.add(Path.of(runtimeDir, "podman", "podman.sock"));
		}
		return candidates.stream().anyMatch(exists);
	}

}
