package io.octoplane.octl.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.octoplane.certs.PemPair;
import io.octoplane.octl.OctlFixture;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.BrainInfo;
import io.octoplane.testsupport.api.ApiFixtures;
import io.octoplane.testsupport.api.StubBrain;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One config file for several brains: the chosen context decides which brain octl calls,
 * {@code use-context} switches for good and {@code $OCTL_CONTEXT} for one run.
 */
class ConfigContextsCommandTests {

	@TempDir
	Path dir;

	private OctlFixture octl;

	private StubBrain lab;

	private StubBrain prod;

	private Path config;

	@BeforeEach
	void startBrains() {
		this.octl = OctlFixture.create(this.dir);
		this.lab = StubBrain.start(this.octl.certs());
		this.prod = StubBrain.start(this.octl.certs());
		this.lab.answerJson("GET", ApiPaths.INFO, new BrainInfo("lab-brain", "1.0", "lab:12345"));
		this.prod.answerJson("GET", ApiPaths.INFO, new BrainInfo("prod-brain", "1.0", "prod:12345"));
		PemPair alice = this.octl.certs().operator("alice");
		this.config = this.octl.writeConfigText("""
				context: lab   # the brain octl talks to
				ca: %s
				cert: %s
				key: %s
				contexts:
				  lab:
				    brain: %s
				  prod:
				    brain: %s
				    timeout: 5m
				""".formatted(this.dir.relativize(this.octl.certs().caCert()), this.dir.relativize(alice.certificate()),
				this.dir.relativize(alice.privateKey()), this.lab.uri(), this.prod.uri()));
	}

	@AfterEach
	void stopBrains() {
		this.lab.close();
		this.prod.close();
	}

	@Test
	void chosenContextDecidesTheBrain() {
		OctlRun run = this.octl.run(this.config, "version");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.json().path("brain").path("name").asString()).isEqualTo("lab-brain");
	}

	@Test
	void useContextSwitchesForLaterRunsAndKeepsTheComment() throws Exception {
		OctlRun use = this.octl.run(this.config, "config", "use-context", "prod");
		assertThat(use.exitCode()).isZero();
		assertThat(use.out()).isEmpty();
		assertThat(Files.readString(this.config)).startsWith("context: prod   # the brain octl talks to\n");
		OctlRun run = this.octl.run(this.config, "version");
		assertThat(run.json().path("brain").path("name").asString()).isEqualTo("prod-brain");
	}

	@Test
	void environmentChoosesForOneRun() {
		OctlRun run = this.octl.run(Map.of("OCTL_CONFIG", this.config.toString(), "OCTL_CONTEXT", "prod"), "version");
		assertThat(run.json().path("brain").path("name").asString()).isEqualTo("prod-brain");
	}

	@Test
	void contextFlagChoosesForOneRunOverTheEnvironment() {
		OctlRun run = this.octl.run(this.config, "--context", "prod", "version");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.json().path("brain").path("name").asString()).isEqualTo("prod-brain");
		OctlRun after = this.octl.run(Map.of("OCTL_CONFIG", this.config.toString(), "OCTL_CONTEXT", "prod"), "version",
				"--context", "lab");
		assertThat(after.json().path("brain").path("name").asString()).isEqualTo("lab-brain");
		OctlRun contexts = this.octl.run(this.config, "config", "get-contexts", "--context", "prod");
		assertThat(contexts.json().path("current").asString()).isEqualTo("prod");
		OctlRun unknown = this.octl.run(this.config, "--context", "staging", "version");
		assertThat(unknown.exitCode()).isEqualTo(2);
		assertThat(unknown.err()).contains("no context 'staging'");
	}

	@Test
	void getContextsMarksTheCurrentOne() {
		OctlRun json = this.octl.run(this.config, "config", "get-contexts");
		assertThat(json.exitCode()).isZero();
		assertThat(json.json().path("current").asString()).isEqualTo("lab");
		assertThat(json.json().path("contexts")).hasSize(2);
		OctlRun table = this.octl.run(this.config, "config", "get-contexts", "-o", "table");
		assertThat(table.out()).containsPattern("\\*\\s+lab").contains("prod");
	}

	@Test
	void unknownContextIsInvalidInputAndLeavesTheFileAlone() throws Exception {
		String before = Files.readString(this.config);
		OctlRun use = this.octl.run(this.config, "config", "use-context", "staging");
		assertThat(use.exitCode()).isEqualTo(2);
		assertThat(use.err()).contains("no context 'staging'").contains("[lab, prod]");
		assertThat(Files.readString(this.config)).isEqualTo(before);
		OctlRun run = this.octl.run(Map.of("OCTL_CONFIG", this.config.toString(), "OCTL_CONTEXT", "staging"), "node",
				"get");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("no context 'staging'");
	}

	@Test
	void flatFileStillWorks() {
		this.lab.answerJson("GET", ApiPaths.NODES, ApiFixtures.nodeList());
		Path flat = this.octl.writeConfig(this.lab.uri());
		assertThat(this.octl.run(flat, "node", "get").exitCode()).isZero();
		OctlRun contexts = this.octl.run(flat, "config", "get-contexts");
		assertThat(contexts.json().path("contexts")).isEmpty();
	}

}
