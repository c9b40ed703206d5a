package io.octoplane.testsupport.redis;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DockerProbeTests {

	private static final Path HOME = Path.of("/home/dev");

	@Test
	void noHints_doesNotAskTestcontainers() {
		assertThat(DockerProbe.hintsAtEngine(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), HOME, (path) -> false))
			.isFalse();
	}

	@Test
	void dockerHost_isAHint() {
		assertThat(DockerProbe.hintsAtEngine(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2376"), HOME, (path) -> false))
			.isTrue();
	}

	@Test
	void systemSocket_isAHint() {
		Set<Path> present = Set.of(Path.of("/var/run/docker.sock"));
		assertThat(DockerProbe.hintsAtEngine(Map.of(), HOME, present::contains)).isTrue();
	}

	@Test
	void rootlessSocket_isAHint() {
		Set<Path> present = Set.of(Path.of("/run/user/1000/docker.sock"));
		assertThat(DockerProbe.hintsAtEngine(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), HOME, present::contains))
			.isTrue();
	}

	@Test
	void dockerDesktopSocket_isAHint() {
		Set<Path> present = Set.of(HOME.resolve(".docker/run/docker.sock"));
		assertThat(DockerProbe.hintsAtEngine(Map.of(), HOME, present::contains)).isTrue();
	}

}
