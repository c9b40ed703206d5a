package io.octoplane.octl.upgrade;

import java.nio.file.Path;

import io.octoplane.octl.OctlFixture;
import io.octoplane.octl.OctlRun;
import io.octoplane.octl.StubBrain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class UpgradeCommandTests {

	@TempDir
	Path dir;

	private OctlFixture octl;

	private StubBrain brain;

	private Path config;

	@BeforeEach
	void startBrain() {
		this.octl = OctlFixture.create(this.dir);
		this.brain = StubBrain.start(this.octl.certs());
		this.config = this.octl.writeConfig(this.brain.uri());
	}

	@AfterEach
	void stopBrain() {
		this.brain.close();
	}

	@Test
	void versionThatIsNotAPlainTokenIsAUsageError() {
		OctlRun run = this.octl.run(this.config, "upgrade", "upgrade", "1.0;reboot", "pi1");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("'1.0;reboot' is not a version");
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void brainIsNotUpgradedOnline() {
		OctlRun run = this.octl.run(this.config, "upgrade", "upgrade", "1.1.0", "brain");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("online upgrade of the brain is not supported yet");
	}

	@Test
	void unknownActionIsAUsageError() {
		OctlRun run = this.octl.run(this.config, "upgrade", "reinstall", "pi1");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("unknown action 'reinstall'");
	}

}
