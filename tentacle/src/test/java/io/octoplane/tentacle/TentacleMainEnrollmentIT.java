package io.octoplane.tentacle;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.octoplane.tentacle.enroll.EnrollStub;
import io.octoplane.testsupport.certs.CertFixtures;
import io.octoplane.testsupport.ports.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class TentacleMainEnrollmentIT {

	@TempDir
	Path dir;

	private final StringWriter err = new StringWriter();

	private CertFixtures fixtures;

	private EnrollStub stub;

	private Path config;

	@BeforeEach
	void stubAndConfig() throws Exception {
		this.fixtures = CertFixtures.create(Files.createDirectory(this.dir.resolve("certs")));
		this.stub = new EnrollStub(this.fixtures, this.fixtures);
		this.config = Files.writeString(this.dir.resolve("tentacle.yaml"),
				"brain: 127.0.0.1\ncert: node.pem\nkey: node-key.pem\nca: " + this.fixtures.caCert() + "\n"
						+ "workspace: ws\nname: pi4\nbackoffInitial: 10ms\nbackoffMax: 40ms\n");
	}

	@AfterEach
	void stopStub() {
		this.stub.close();
	}

	private final StringWriter out = new StringWriter();

	private int run(Map<String, String> env, String... args) {
		return TentacleMain.commandLine(env)
			.setOut(new PrintWriter(this.out))
			.setErr(new PrintWriter(this.err))
			.execute(args);
	}

	@Test
	void enrollSubcommandEnrollsOnceAndThenLeavesTheNodeAlone() {
		String[] args = { "--config", this.config.toString(), "enroll", "--token", EnrollStub.TOKEN, "--brain-api",
				this.stub.uri().toString() };
		assertThat(run(Map.of(), args)).isEqualTo(0);
		assertThat(this.dir.resolve("node.pem")).isRegularFile();
		assertThat(this.dir.resolve("node-key.pem")).isRegularFile();
		assertThat(run(Map.of(), args)).isEqualTo(0);
		assertThat(this.stub.bodies).hasSize(1);
		assertThat(this.out.toString()).contains("enrolled: certificate").contains("already enrolled");
		assertThat(this.err.toString()).isEmpty();
	}

	@Test
	void enrollSubcommandWithARefusedTokenExitsWithTwo() {
		int exit = run(Map.of(), "--config", this.config.toString(), "enroll", "--token", "not-the-token-42",
				"--brain-api", this.stub.uri().toString());
		assertThat(exit).isEqualTo(2);
		assertThat(this.err.toString()).startsWith("tentacle enroll: enrollment as pi4 refused")
			.doesNotContain("not-the-token-42");
	}

	@Test
	void refusedJoinTokenExitsWithTwoAndOneLineWithoutTheToken() {
		int exit = run(Map.of("OCTOPLANE_JOIN_TOKEN", "not-the-token-42"), "--config", this.config.toString(),
				"--brain-api", this.stub.uri().toString());
		assertThat(exit).isEqualTo(2);
		assertThat(this.err.toString()).startsWith("tentacle: enrollment as pi4 refused: the join token")
			.hasLineCount(1)
			.doesNotContain("not-the-token-42");
	}

	@Test
	void takenNameExitsWithTwo() {
		this.stub.alreadyEnrolled("pi4");
		int exit = run(Map.of(), "--config", this.config.toString(), "--join-token", EnrollStub.TOKEN, "--brain-api",
				this.stub.uri().toString());
		assertThat(exit).isEqualTo(2);
		assertThat(this.err.toString()).contains("already enrolled").hasLineCount(1);
	}

	@Test
	void unreachableBrainApiExitsWithOne() throws IOException {
		int port = FreePorts.take();
		int exit = run(
				Map.of("OCTOPLANE_JOIN_TOKEN", EnrollStub.TOKEN, "OCTOPLANE_BRAIN_API", "https://127.0.0.1:" + port),
				"--config", this.config.toString());
		assertThat(exit).isEqualTo(1);
		assertThat(this.err.toString()).startsWith("tentacle: enrollment failed after 5 attempts: cannot reach")
			.hasLineCount(1);
	}

	@Test
	void missingFilesWithoutTokenKeepTheOldError() {
		assertThat(run(Map.of(), "--config", this.config.toString())).isEqualTo(2);
		assertThat(this.err.toString()).startsWith("tentacle: node certificate file ")
			.contains("(setting 'cert') does not exist");
	}

}
