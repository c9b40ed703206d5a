package io.octoplane.e2e;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import io.octoplane.octl.Octl;
import io.octoplane.testsupport.octl.OctlRun;

/**
 * An octl of these tests: its configuration file named by {@code OCTL_CONFIG}, its home a
 * folder of the test's, its standard input given text rather than the test JVM's.
 */
final class InProcessOctl {

	private InProcessOctl() {
	}

	static OctlRun run(Path config, Path home, String... args) {
		return runWithInput(config, home, "", args);
	}

	/**
	 * Runs octl with the given text on its standard input (for {@code --password-stdin}).
	 */
	static OctlRun runWithInput(Path config, Path home, String stdin, String... args) {
		Octl octl = new Octl(Map.of("OCTL_CONFIG", config.toString()), home, false,
				new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
		return OctlRun.execute(octl.commandLine(args), args);
	}

}
