package io.octoplane.tentacle;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class TentacleMainTests {

	@TempDir
	Path dir;

	private final StringWriter err = new StringWriter();

	private int run(Map<String, String> env, String... args) {
		return new CommandLine(new TentacleMain(env)).setErr(new PrintWriter(this.err)).execute(args);
	}

	@Test
	void missingConfigFileExitsWithTwoAndOneLine() {
		Path missing = this.dir.resolve("nope.yaml");
		assertThat(run(Map.of(), "--config", missing.toString())).isEqualTo(2);
		assertThat(this.err.toString())
			.isEqualTo("tentacle: config file " + missing + " does not exist" + System.lineSeparator());
	}

	@Test
	void missingCertificateNamesTheFlag() throws IOException {
		Path ca = Files.writeString(this.dir.resolve("ca.crt"), "pem");
		Path key = Files.writeString(this.dir.resolve("node.key"), "pem");
		Map<String, String> env = Map.of("OCTOPLANE_BRAIN", "127.0.0.1", "OCTOPLANE_KEY", key.toString(),
				"OCTOPLANE_CA", ca.toString());
		assertThat(run(env, "--cert", this.dir.resolve("gone.crt").toString())).isEqualTo(2);
		assertThat(this.err.toString()).startsWith("tentacle: node certificate file ")
			.contains("(setting 'cert') does not exist")
			.doesNotContain("Exception");
	}

	@Test
	void unreadableTlsFilesAreAConfigurationError() throws IOException {
		Path ca = Files.writeString(this.dir.resolve("ca.crt"), "not a pem");
		Path cert = Files.writeString(this.dir.resolve("node.crt"), "not a pem");
		Path key = Files.writeString(this.dir.resolve("node.key"), "not a pem");
		assertThat(run(Map.of(), "--brain", "127.0.0.1:1", "--cert", cert.toString(), "--key", key.toString(), "--ca",
				ca.toString(), "--workspace", this.dir.resolve("ws").toString()))
			.isEqualTo(2);
		assertThat(this.err.toString()).startsWith("tentacle: cannot load TLS files").hasLineCount(1);
	}

	@Test
	void unknownFlagIsAUsageError() {
		assertThat(run(Map.of(), "--bogus")).isEqualTo(2);
	}

	@Test
	void enrollmentFlagsAfterEnrollWinOverThoseBeforeItAndBothTokenSpellingsWork() {
		CommandLine commandLine = TentacleMain.commandLine(Map.of());
		CommandLine.ParseResult parsed = commandLine.parseArgs("--token", "before", "--name", "pi4", "enroll",
				"--join-token", "after");
		TentacleMain agent = commandLine.getCommand();
		EnrollCommand enroll = parsed.subcommand().commandSpec().commandLine().getCommand();
		EnrollmentOptions merged = enroll.enrollment.over(agent.enrollment);
		assertThat(merged.joinToken).isEqualTo("after");
		assertThat(merged.name).isEqualTo("pi4");
		assertThat(merged.brainApi).isNull();
	}

}
