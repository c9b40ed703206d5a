package io.octoplane.tentacle.file;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NodePathsTests {

	private final NodePaths paths = new NodePaths(Path.of("/srv/tentacle"));

	@Test
	void aliasesResolveUnderTheirFolders() {
		Path home = Path.of(System.getProperty("user.home"));
		assertThat(this.paths.resolve("@root")).isEqualTo(home);
		assertThat(this.paths.resolve("@root/notes")).isEqualTo(home.resolve("notes"));
		assertThat(this.paths.resolve("@workspace/apps")).isEqualTo(Path.of("/srv/tentacle/apps"));
		assertThat(this.paths.resolve("@log")).isEqualTo(Path.of("/srv/tentacle/log"));
		assertThat(this.paths.resolve("@fstore/a/b")).isEqualTo(Path.of("/srv/tentacle/fstore/a/b"));
		assertThat(this.paths.resolve("@pakma")).isEqualTo(Path.of("/srv/tentacle/pakma"));
	}

	@Test
	void configuredFoldersReplaceTheDefaults() {
		NodePaths configured = new NodePaths(Path.of("/srv/tentacle"), Path.of("/"), Path.of("/var/log/octo"),
				Path.of("/data/store/"), null);
		assertThat(configured.resolve("@root/etc/hosts")).isEqualTo(Path.of("/etc/hosts"));
		assertThat(configured.resolve("@log/x.log")).isEqualTo(Path.of("/var/log/octo/x.log"));
		assertThat(configured.resolve("@fstore/foobar")).isEqualTo(Path.of("/data/store/foobar"));
		assertThat(configured.fstore()).isEqualTo(Path.of("/data/store"));
		assertThat(configured.resolve("@pakma")).isEqualTo(Path.of("/srv/tentacle/pakma"));
	}

	@Test
	void relativePathsResolveInTheWorkspaceAndAbsoluteOnesStay() {
		assertThat(this.paths.resolve("inbox")).isEqualTo(Path.of("/srv/tentacle/inbox"));
		assertThat(this.paths.resolve("/opt/app/../lib")).isEqualTo(Path.of("/opt/lib"));
	}

	@Test
	void unknownAliasIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.paths.resolve("@home/x"))
			.withMessageContaining("unknown path alias @home");
	}

}
