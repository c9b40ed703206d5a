package io.octoplane.octl.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.octoplane.octl.OctlFixture;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.BrainInfo;
import io.octoplane.testsupport.api.StubBrain;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where octl looks for its config file when none is named: {@code $XDG_CONFIG_HOME}
 * first, then {@code ~/.config}.
 */
class ConfigLocationTests {

	@TempDir
	Path dir;

	@Test
	void xdgConfigHomeIsTheDefaultWhenSet() {
		Path home = this.dir.resolve("home");
		Path xdg = this.dir.resolve("xdg");
		assertThat(OctlConfig.defaultLocation(Map.of("XDG_CONFIG_HOME", xdg.toString()), home))
			.isEqualTo(xdg.resolve("octl/octl.yaml"));
		assertThat(OctlConfig.defaultLocation(Map.of(), home)).isEqualTo(home.resolve(".config/octl/octl.yaml"));
	}

	@Test
	void relativeOrBlankXdgConfigHomeIsIgnored() {
		Path home = this.dir.resolve("home");
		Path legacy = home.resolve(".config/octl/octl.yaml");
		assertThat(OctlConfig.defaultLocation(Map.of("XDG_CONFIG_HOME", "relative/dir"), home)).isEqualTo(legacy);
		assertThat(OctlConfig.defaultLocation(Map.of("XDG_CONFIG_HOME", " "), home)).isEqualTo(legacy);
	}

	@Test
	void homeConfigIsStillReadWhenOnlyItExists() throws Exception {
		Path home = this.dir.resolve("home");
		Path legacy = Files.createDirectories(home.resolve(".config/octl")).resolve("octl.yaml");
		Files.writeString(legacy, "brain: https://a:1\n");
		Path xdg = this.dir.resolve("xdg");
		assertThat(OctlConfig.defaultLocation(Map.of("XDG_CONFIG_HOME", xdg.toString()), home)).isEqualTo(legacy);
		Files.createDirectories(xdg.resolve("octl"));
		Files.writeString(xdg.resolve("octl/octl.yaml"), "brain: https://b:1\n");
		assertThat(OctlConfig.defaultLocation(Map.of("XDG_CONFIG_HOME", xdg.toString()), home))
			.isEqualTo(xdg.resolve("octl/octl.yaml"));
	}

	@Test
	void octlReadsTheConfigUnderXdgConfigHome() throws Exception {
		OctlFixture octl = OctlFixture.create(this.dir);
		try (StubBrain brain = StubBrain.start(octl.certs())) {
			brain.answerJson("GET", ApiPaths.INFO, new BrainInfo("xdg-brain", "1.0", "xdg:12345"));
			Path written = octl.writeConfig(brain.uri());
			Path xdg = Files.createDirectories(this.dir.resolve("xdg/octl"));
			// Relative paths in the file resolve against its folder: keep it beside the
			// certs.
			Files.writeString(xdg.resolve("octl.yaml"),
					Files.readString(written)
						.replace("ca: ", "ca: " + this.dir + "/")
						.replace("cert: ", "cert: " + this.dir + "/")
						.replace("key: ", "key: " + this.dir + "/"));
			OctlRun run = octl.run(Map.of("XDG_CONFIG_HOME", this.dir.resolve("xdg").toString()), "version");
			assertThat(run.exitCode()).as(run.err()).isZero();
			assertThat(run.json().path("brain").path("name").asString()).isEqualTo("xdg-brain");
		}
	}

}
