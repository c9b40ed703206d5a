package io.octoplane.octl.tunnel;

import io.octoplane.octl.StubBrainCommandTest;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TunnelCommandTests extends StubBrainCommandTest {

	@Test
	void forwardThatIsNotLocalPortHostPortIsAUsageError() {
		OctlRun run = this.octl.run(this.config, "tunnel", "pi1", "8080:localhost");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("'8080:localhost' is not LOCAL_PORT:HOST:PORT");
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void portOutOfRangeIsAUsageError() {
		OctlRun run = this.octl.run(this.config, "tunnel", "pi1", "8080:127.0.0.1:70000");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("port 70000 must be between 1 and 65535");
	}

	@Test
	void hostWithShellCharactersIsAUsageError() {
		OctlRun run = this.octl.run(this.config, "tunnel", "pi1", "8080:a b:22");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(this.brain.requests()).isEmpty();
	}

}
