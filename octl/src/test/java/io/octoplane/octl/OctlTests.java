package io.octoplane.octl;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.octoplane.testsupport.api.StubBrain;
import io.octoplane.testsupport.certs.CertFixtures;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class OctlTests {

	@TempDir
	Path dir;

	@Test
	void helpExplainsAndGivesExamples() {
		OctlFixture octl = OctlFixture.create(this.dir);
		for (String[] args : new String[][] { { "--help" }, { "node", "get", "--help" }, { "node", "status", "--help" },
				{ "node", "prune", "--help" }, { "cmd", "run", "--help" }, { "job", "--help" },
				{ "job", "get", "--help" }, { "job", "list", "--help" }, { "job", "cancel", "--help" },
				{ "job", "wait", "--help" }, { "node", "revoke", "--help" }, { "wg", "--help" },
				{ "wg", "pwd", "--help" }, { "wg", "cd", "--help" }, { "wg", "ls", "--help" },
				{ "wg", "get", "--help" }, { "wg", "add", "--help" }, { "wg", "rm", "--help" },
				{ "wg", "grant", "--help" }, { "token", "--help" }, { "token", "create", "--help" },
				{ "token", "list", "--help" }, { "token", "revoke", "--help" }, { "audit", "--help" },
				{ "version", "--help" }, { "completion", "--help" } }) {
			OctlRun run = octl.run(Map.of(), args);
			assertThat(run.exitCode()).isZero();
			assertThat(run.out()).startsWith("Usage: octl").contains("Examples:");
		}
	}

	@Test
	void versionNamesOctl() {
		OctlRun run = OctlFixture.create(this.dir).run(Map.of(), "--version");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).startsWith("octl ");
	}

	@Test
	void missingCommandIsAUsageError() {
		OctlFixture octl = OctlFixture.create(this.dir);
		assertThat(octl.run(Map.of()).exitCode()).isEqualTo(2);
		assertThat(octl.run(Map.of(), "node").exitCode()).isEqualTo(2);
		OctlRun unknown = octl.run(Map.of(), "node", "explode");
		assertThat(unknown.exitCode()).isEqualTo(2);
		assertThat(unknown.out()).isEmpty();
		assertThat(unknown.err()).contains("explode");
	}

	@Test
	void missingConfigIsInvalidInputWithoutStackTrace() {
		OctlFixture octl = OctlFixture.create(this.dir);
		OctlRun run = octl.run(Map.of(), "node", "get");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.out()).isEmpty();
		assertThat(run.err())
			.startsWith("octl: error: no octl config file at " + octl.home().resolve(".config/octl/octl.yaml"))
			.doesNotContain("\tat ");
	}

	@Test
	void configOptionWinsOverEnvironment() {
		OctlFixture octl = OctlFixture.create(this.dir);
		Path config = octl.writeConfigText("bran: x\n");
		OctlRun run = octl.run(Map.of("OCTL_CONFIG", "/nowhere.yaml"), "node", "get", "--config", config.toString());
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("unknown key 'bran'");
	}

	@Test
	void commandLineWithHandlersMapsExitCodesToo() {
		Octl octl = new Octl(Map.of(), this.dir);
		StringWriter err = new StringWriter();
		assertThat(octl.commandLine().setErr(new PrintWriter(err)).execute("node", "get", "-sf", "nope")).isEqualTo(2);
		assertThat(octl.commandLine().setErr(new PrintWriter(err)).execute("node", "get")).isEqualTo(2);
		assertThat(err.toString()).contains("'nope' is not a state filter", "octl: error: no octl config file");
	}

	@Test
	void operatorCertificateFromForeignCaExitsWithInternalAndClearMessage() throws Exception {
		OctlFixture octl = OctlFixture.create(this.dir);
		CertFixtures foreign = CertFixtures.create(Files.createDirectories(this.dir.resolve("foreign")));
		try (StubBrain brain = StubBrain.start(octl.certs())) {
			Path config = octl.writeConfig(brain.uri(), foreign.operator("mallory"), octl.certs().caCert());
			OctlRun run = octl.run(config, "node", "get");
			assertThat(run.exitCode()).isEqualTo(4);
			assertThat(run.out()).isEmpty();
			// TLS 1.3 reports the refusal as an alert or as a closed connection;
			// both give this one message.
			assertThat(run.err()).isEqualTo("octl: error: brain at " + brain.uri()
					+ " refused the TLS connection or closed it without answering (check ca, and cert and key if set,"
					+ " in the octl config: ca must be the CA that issued the brain's certificate, and an operator"
					+ " certificate must come from the CA the brain trusts)" + System.lineSeparator());
			assertThat(brain.requests()).isEmpty();
		}
	}

}
