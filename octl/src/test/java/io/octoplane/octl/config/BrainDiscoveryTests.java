package io.octoplane.octl.config;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.octoplane.octl.StubBrainCommandTest;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.NameEntry;
import io.octoplane.testsupport.api.ApiFixtures;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * octl finds the brain through the nameserver when no brain is configured; the stub plays
 * both, so the brain it names is itself.
 */
class BrainDiscoveryTests extends StubBrainCommandTest {

	@Test
	void withoutBrainTheNameserversEntryNamesIt() throws Exception {
		nameserverKnows("brain");
		useNameserver("");
		OctlRun run = this.octl.run(this.config, "node", "get");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(this.brain.requests("GET", nameOf("brain"))).hasSize(1);
		assertThat(this.brain.requests("GET", ApiPaths.NODES)).hasSize(1);
	}

	@Test
	void brainNameChoosesTheEntry() throws Exception {
		nameserverKnows("lab-brain");
		useNameserver("brainName: lab-brain\n");
		OctlRun run = this.octl.run(this.config, "node", "get");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(this.brain.requests("GET", nameOf("lab-brain"))).hasSize(1);
	}

	@Test
	void octopodasHttpsNameServerSettingsAreUsed() throws Exception {
		nameserverKnows("brain");
		String yaml = Files.readString(this.config);
		this.octl.writeConfigText(
				"httpsNameServer:\n  enable: true\n  host: 127.0.0.1\n  port: " + this.brain.uri().getPort()
						+ "\n  requestInterval: 1\nbrain:\n  name: brain\nssl:\n  caCert: " + value(yaml, "ca")
						+ "\n  clientCert: " + value(yaml, "cert") + "\n  clientKey: " + value(yaml, "key") + "\n");
		OctlRun run = this.octl.run(this.config, "node", "get");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.err()).isEmpty();
		assertThat(this.brain.requests("GET", nameOf("brain"))).hasSize(1);
	}

	@Test
	void anUnknownNameSaysWhatToCheck() throws Exception {
		this.brain.answerProblem("GET", nameOf("brain"), ErrorCode.NAME_NOT_FOUND, "no entry named brain");
		useNameserver("");
		OctlRun run = this.octl.run(this.config, "node", "get");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("knows no brain named 'brain'");
		assertThat(this.brain.requests("GET", ApiPaths.NODES)).isEmpty();
	}

	@Test
	void anExplicitBrainWinsOverTheNameserver() throws Exception {
		this.brain.answerJson("GET", ApiPaths.NODES, ApiFixtures.nodeList());
		String yaml = Files.readString(this.config);
		this.octl.writeConfigText(yaml + "nameserver: https://127.0.0.1:1\n");
		OctlRun run = this.octl.run(this.config, "node", "get");
		assertThat(run.exitCode()).as(run.err()).isZero();
	}

	@Test
	void aPasswordLoginCannotAskTheNameserver() throws Exception {
		this.config = this.octl.writePasswordConfig(this.brain.uri(), "/lab", "s3cret-for-the-lab",
				"nameserver: " + this.brain.uri() + "\n");
		String yaml = Files.readString(this.config).replaceFirst("(?m)^brain: .*\\n", "");
		this.octl.writeConfigText(yaml);
		OctlRun run = this.octl.run(this.config, "node", "get");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("accepts only certificates");
		assertThat(this.brain.requests()).isEmpty();
	}

	private void nameserverKnows(String name) {
		String self = this.brain.uri().getHost() + ":" + this.brain.uri().getPort();
		this.brain.answerJson("GET", nameOf(name), new NameEntry(name, "brain", List.of("127.0.0.1:3457"),
				Map.of("api", self), "test-brain", Instant.now(), Instant.now().plusSeconds(60)));
		this.brain.answerJson("GET", ApiPaths.NODES, ApiFixtures.nodeList());
	}

	private void useNameserver(String extra) throws Exception {
		String yaml = Files.readString(this.config).replaceFirst("(?m)^brain: .*\\n", "");
		this.octl.writeConfigText(yaml + "nameserver: " + this.brain.uri() + "\n" + extra);
	}

	private static String nameOf(String name) {
		return ApiPaths.NAME.replace("{name}", name);
	}

	private static String value(String yaml, String key) {
		return yaml.lines()
			.filter((line) -> line.startsWith(key + ": "))
			.findFirst()
			.orElseThrow()
			.substring(key.length() + 2);
	}

}
