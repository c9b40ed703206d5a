package io.octoplane.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.octoplane.brain.agent.AgentServer;
import io.octoplane.e2e.support.InProcessBrainTest;
import io.octoplane.tentacle.TentacleMain;
import io.octoplane.testsupport.octl.OctlRun;
import io.octoplane.testsupport.process.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ways in: a tentacle process that enrolls with a join token made by octl, and
 * operators logging in with a workgroup password or an API token instead of a
 * certificate. Real brain, real tentacle process, octl in-process.
 */
class OperatorLoginAndEnrollmentIT extends InProcessBrainTest {

	private static final String LAB_PASSWORD = "lab password for the e2e run";

	@TempDir
	Path work;

	@LocalServerPort
	int port;

	@Autowired
	AgentServer agentServer;

	private final List<Process> processes = new ArrayList<>();

	private TentacleFleet fleet;

	private Path operatorConfig;

	@BeforeEach
	void setUp() throws Exception {
		this.fleet = new TentacleFleet(certs, this.work);
		this.operatorConfig = OperatorOctlConfig.write(this.work, certs, "https://localhost:" + this.port);
	}

	@AfterEach
	void tearDown() {
		this.fleet.close();
		this.processes.forEach(Process::destroyForcibly);
	}

	@Test
	void tentacleProcessEnrollsWithAJoinTokenFromOctlAndRunsCommands() throws Exception {
		OctlRun created = octl(this.operatorConfig, "token", "create", "--role", "node", "--ttl", "1h");
		assertThat(created.exitCode()).as(created.err()).isZero();
		String token = created.json().get("token").asString();

		Path node = Files.createDirectories(this.work.resolve("enr01"));
		Process tentacle = startTentacle(node, "enr01", token);
		await().atMost(Duration.ofSeconds(60)).until(() -> state("enr01"), "online"::equals);

		OctlRun ran = octl(this.operatorConfig, "cmd", "run", "echo enrolled-and-running", "enr01");
		assertThat(ran.exitCode()).as(ran.err()).isZero();
		assertThat(ran.out()).contains("enrolled-and-running");
		// The key was made on the node and never left it; only the owner may read it.
		assertThat(Files.getPosixFilePermissions(node.resolve("node-key.pem")))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(tentacle.isAlive()).isTrue();

		// The token allowed one enrollment: a second node with it is refused for good.
		Path second = Files.createDirectories(this.work.resolve("enr02"));
		Process replay = startTentacle(second, "enr02", token);
		assertThat(replay.waitFor(60, TimeUnit.SECONDS)).as("a replayed join token ends the tentacle").isTrue();
		assertThat(replay.exitValue()).isEqualTo(2);
		assertThat(Files.exists(second.resolve("node.pem"))).isFalse();
		for (Path log : List.of(node.resolve("tentacle.log"), second.resolve("tentacle.log"))) {
			assertThat(Files.readString(log)).as(log.toString()).doesNotContain(token);
		}
		assertThat(state("enr02")).isEqualTo("absent");
	}

	@Test
	void operatorsLogInWithAWorkgroupPasswordOrATokenAndSeeOnlyTheirNodes() throws Exception {
		this.fleet.startAll("login", 2, this.agentServer.port());
		assertThat(octl(this.operatorConfig, "wg", "add", "/login-lab", "login01").exitCode()).isZero();
		OctlRun granted = InProcessOctl.runWithInput(this.operatorConfig, this.work, LAB_PASSWORD + "\n", "wg", "grant",
				"/login-lab", "--password-stdin");
		assertThat(granted.exitCode()).as(granted.err()).isZero();

		Path passwordFile = Files.writeString(this.work.resolve("lab-password"), LAB_PASSWORD + "\n");
		Path labConfig = Files.writeString(this.work.resolve("lab.yaml"), "brain: https://localhost:" + this.port
				+ "\nca: " + certs.caCert() + "\nuser: /login-lab\npasswordFile: " + passwordFile + "\n");
		OctlRun listed = octl(labConfig, "node", "get");
		assertThat(listed.exitCode()).as(listed.err()).isZero();
		assertThat(listed.json().get("nodes")).extracting((n) -> n.get("name").asString()).containsExactly("login01");
		assertThat(octl(labConfig, "wg", "pwd").out()).contains("/login-lab");
		// A node of another workgroup does not exist for this one: it is answered exactly
		// like a name no node has, so names do not leak.
		JsonNode outside = octl(labConfig, "cmd", "run", "true", "login02").json().get("results").get(0);
		JsonNode nowhere = octl(labConfig, "cmd", "run", "true", "nosuchnode").json().get("results").get(0);
		assertThat(outside.get("state").asString()).isEqualTo("rejected");
		assertThat(outside.get("error").asString()).isEqualTo(nowhere.get("error").asString())
			.isEqualTo("no such node");

		Path wrong = Files.writeString(this.work.resolve("wrong.yaml"), "brain: https://localhost:" + this.port
				+ "\nca: " + certs.caCert() + "\nuser: /login-lab\npassword: not the lab password\n");
		OctlRun refused = octl(wrong, "node", "get");
		assertThat(refused.exitCode()).isEqualTo(1);
		assertThat(refused.err()).contains("octl: error:").doesNotContain("not the lab password");

		OctlRun token = octl(labConfig, "token", "create", "--role", "operator", "--ttl", "10m");
		assertThat(token.exitCode()).as(token.err()).isZero();
		Path tokenFile = Files.writeString(this.work.resolve("lab-token"), token.json().get("token").asString());
		Path tokenConfig = Files.writeString(this.work.resolve("token.yaml"), "brain: https://localhost:" + this.port
				+ "\nca: " + certs.caCert() + "\ntokenFile: " + tokenFile + "\n");
		OctlRun byToken = octl(tokenConfig, "node", "get");
		assertThat(byToken.exitCode()).as(byToken.err()).isZero();
		assertThat(byToken.json().get("nodes")).extracting((n) -> n.get("name").asString()).containsExactly("login01");
	}

	private Process startTentacle(Path dir, String name, String joinToken) throws IOException {
		Path config = Files.writeString(dir.resolve("tentacle.yaml"),
				"brain: 127.0.0.1:" + this.agentServer.port() + "\ncert: " + dir.resolve("node.pem") + "\nkey: "
						+ dir.resolve("node-key.pem") + "\nca: " + certs.caCert() + "\nworkspace: " + dir.resolve("ws")
						+ "\nname: " + name + "\nbrainApi: https://localhost:" + this.port
						+ "\nbackoffInitial: 100ms\nbackoffMax: 1s\n");
		ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(List.of("-Xmx64m", "-XX:+UseSerialGC"),
				TentacleMain.class.getName(), List.of("--config", config.toString())))
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("tentacle.log").toFile());
		// The token goes in the environment, not the
		// command line every local user can read.
		builder.environment().put("OCTOPLANE_JOIN_TOKEN", joinToken);
		Process process = builder.start();
		this.processes.add(process);
		return process;
	}

	private String state(String node) {
		OctlRun run = octl(this.operatorConfig, "node", "get", node);
		return (run.exitCode() != 0) ? "absent" : run.json().get("nodes").get(0).get("state").asString();
	}

	private OctlRun octl(Path config, String... args) {
		return InProcessOctl.run(config, this.work, args);
	}

}
