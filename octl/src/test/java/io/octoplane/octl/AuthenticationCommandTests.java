package io.octoplane.octl;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.testsupport.api.ApiFixtures;
import io.octoplane.testsupport.api.StubBrain;
import io.octoplane.testsupport.api.StubBrain.Answer;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How octl logs in (certificate, workgroup password, API token) and how it reports
 * refusals, without ever showing a secret.
 */
class AuthenticationCommandTests {

	private static final String PASSWORD = "hunter2-but-longer";

	private static final String TOKEN = "oct_0123456789abcdef";

	@TempDir
	Path dir;

	private OctlFixture octl;

	private StubBrain brain;

	@BeforeEach
	void startBrain() {
		this.octl = OctlFixture.create(this.dir);
		this.brain = StubBrain.startAskingForCertificate(this.octl.certs());
		this.brain.answerJson("GET", ApiPaths.NODES, ApiFixtures.nodeList());
	}

	@AfterEach
	void stopBrain() {
		this.brain.close();
	}

	@Test
	void passwordConfigSendsBasicWithTheWorkgroupPathAndNoClientCertificate() {
		Path config = this.octl.writePasswordConfig(this.brain.uri(), "/lab/pis", PASSWORD, "");
		String basic = "Basic "
				+ Base64.getEncoder().encodeToString(("/lab/pis:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
		this.brain.requireAuthorization(basic);
		OctlRun run = this.octl.run(config, "node", "get");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(this.brain.lastRequest().authorization()).isEqualTo(basic);
		assertThat(this.brain.lastRequest().clientCertificate()).isNull();
		assertThat(this.brain.lastRequest().workgroup()).isNull();
		assertThat(run.err()).isEmpty();
	}

	@Test
	void tokenFromTheEnvironmentSendsBearerAndTheConfiguredWorkgroup() {
		Path config = this.octl.writeCaOnlyConfig(this.brain.uri(), "workgroup: /lab\n");
		OctlRun run = this.octl.run(Map.of("OCTL_CONFIG", config.toString(), "OCTL_TOKEN", TOKEN), "node", "get");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(this.brain.lastRequest().authorization()).isEqualTo("Bearer " + TOKEN);
		assertThat(this.brain.lastRequest().workgroup()).isEqualTo("/lab");
		assertThat(this.brain.lastRequest().clientCertificate()).isNull();
	}

	@Test
	void twoWaysToLogInIsInvalidInput() {
		Path config = this.octl.writeConfig(this.brain.uri());
		OctlRun run = this.octl.run(Map.of("OCTL_CONFIG", config.toString(), "OCTL_TOKEN", TOKEN), "node", "get");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("octl: error: ").contains("more than one way to log in").doesNotContain(TOKEN);
		assertThat(run.out()).isEmpty();
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void noWayToLogInIsInvalidInput() {
		Path config = this.octl.writeCaOnlyConfig(this.brain.uri(), "");
		OctlRun run = this.octl.run(config, "node", "get");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("sets no way to log in");
	}

	@Test
	void wrongPasswordIsGenericFailureWithAHintAndNoSecretAnywhere() {
		Path config = this.octl.writePasswordConfig(this.brain.uri(), "/lab", PASSWORD, "");
		this.brain.requireAuthorization("Basic something-else");
		for (String[] args : new String[][] { { "node", "get" }, { "node", "get", "-x" } }) {
			OctlRun run = this.octl.run(config, args);
			assertThat(run.exitCode()).isEqualTo(1);
			assertThat(run.err()).contains("wrong workgroup or password", "HTTP 401, unauthenticated",
					"check how the octl config logs in: user and password");
			assertThat(run.out() + run.err()).doesNotContain(PASSWORD)
				.doesNotContain(
						Base64.getEncoder().encodeToString(("/lab:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
		}
	}

	@Test
	void rejectedTokenNeverShowsTheToken() {
		Path config = this.octl.writeCaOnlyConfig(this.brain.uri(), "token: " + TOKEN + "\n");
		this.brain.requireAuthorization("Bearer another");
		OctlRun run = this.octl.run(config, "-x", "wg", "pwd");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.out() + run.err()).doesNotContain(TOKEN);
	}

	@Test
	void tooManyRequestsExitsWithFourAndSaysWhenToRetry() {
		Path config = this.octl.writePasswordConfig(this.brain.uri(), "/lab", PASSWORD, "");
		this.brain.answers("GET", ApiPaths.NODES,
				Answer.problem(ErrorCode.TOO_MANY_REQUESTS, "too many failed " + "logins from 127.0.0.1; retry in 30 s")
					.withHeader("Retry-After", "30"));
		OctlRun run = this.octl.run(config, "node", "get");
		assertThat(run.exitCode()).isEqualTo(4);
		assertThat(run.out()).isEmpty();
		assertThat(run.err()).contains("HTTP 429, too-many-requests", "Retry-After: 30 s").doesNotContain(PASSWORD);
	}

	@Test
	void inlinePasswordInAReadableConfigIsWarnedAboutOnStderr() throws Exception {
		Path config = this.octl.writeCaOnlyConfig(this.brain.uri(), "user: /lab\npassword: " + PASSWORD + "\n");
		Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
		OctlRun run = this.octl.run(config, "node", "get");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.err()).startsWith("octl: warning: ")
			.contains("holds a password but others may read it", "chmod 600")
			.doesNotContain(PASSWORD);
		assertThat(run.out()).doesNotContain(PASSWORD);
		Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
		assertThat(this.octl.run(config, "node", "get").err()).isEmpty();
	}

}
