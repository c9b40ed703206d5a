package io.octoplane.octl.upgrade;

import io.octoplane.octl.OctlRun;
import io.octoplane.octl.StubBrainCommandTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UpgradeCommandTests extends StubBrainCommandTest {

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
