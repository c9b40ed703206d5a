package io.octoplane.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.octoplane.brain.agent.AgentServer;
import io.octoplane.e2e.support.InProcessBrainTest;
import io.octoplane.tentacle.Tentacle;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole fleet in one JVM: a real brain on random ports over a real redis-server, real
 * tentacles dialling it over mutual TLS and running real child processes, and octl
 * driving it all as an operator would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetIT extends InProcessBrainTest {

	@TempDir
	static Path work;

	@LocalServerPort
	int port;

	@Autowired
	AgentServer agentServer;

	private TentacleFleet fleet;

	private Path octlConfig;

	@BeforeAll
	void startFleet() throws Exception {
		this.fleet = new TentacleFleet(certs, work);
		for (String name : List.of("node1", "node2")) {
			Tentacle tentacle = this.fleet.start(name, this.agentServer.port());
			assertThat(tentacle.awaitConnected(Duration.ofSeconds(20))).as(name + " connected").isTrue();
		}
		this.octlConfig = OperatorOctlConfig.write(work, certs, "https://127.0.0.1:" + this.port, "timeout: 30s");
	}

	@AfterAll
	void stopFleet() {
		this.fleet.close();
	}

	@Test
	void nodeGetShowsTentaclesOnline() {
		OctlRun run = octl("node", "get", "node1", "node2");
		assertThat(run.exitCode()).as(run.err()).isZero();
		JsonNode json = run.json();
		assertThat(json.get("brain").get("name").asString()).isEqualTo("test-brain");
		assertThat(json.get("total").asInt()).isEqualTo(2);
		assertThat(json.get("online").asInt()).isEqualTo(2);
		for (JsonNode node : json.get("nodes")) {
			// A heartbeat delayed by a loaded machine
			// shows as unstable; both are connected.
			assertThat(node.get("state").asString()).isIn("online", "unstable");
			assertThat(node.get("addr").asString()).startsWith("127.0.0.1:");
			assertThat(node.has("online_time")).isTrue();
		}
	}

	@Test
	void nodeStatusCarriesHostMetricsAndRoundTripTime() {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			OctlRun run = octl("node", "get", "node1");
			assertThat(run.json().get("nodes").get(0).get("delay").asDouble()).isPositive();
		});
		OctlRun run = octl("node", "status", "node1");
		assertThat(run.exitCode()).as(run.err()).isZero();
		JsonNode node = run.json().get("nodes").get(0);
		assertThat(node.get("name").asString()).isEqualTo("node1");
		assertThat(node.get("cpu_cores").asInt()).isPositive();
		assertThat(node.get("memory_total").asLong()).isPositive();
		assertThat(node.get("disk_total").asLong()).isPositive();
	}

	@Test
	void echoRunsOnEveryNode() {
		OctlRun run = octl("cmd", "run", "echo hi from $(basename $PWD)", "node1", "node2");
		assertThat(run.exitCode()).as(run.err()).isZero();
		JsonNode json = run.json();
		assertThat(json.get("success").asInt()).isEqualTo(2);
		for (JsonNode result : json.get("results")) {
			String name = result.get("name").asString();
			assertThat(result.get("state").asString()).isEqualTo("succeeded");
			assertThat(result.get("exit_code").asInt()).isZero();
			assertThat(result.get("output").asString()).isEqualTo("hi from " + name + "\n");
		}
	}

	@Test
	void failingCommandReportsItsExitCode() {
		OctlRun run = octl("cmd", "run", "echo oops >&2; exit 3", "node1");
		assertThat(run.exitCode()).isEqualTo(1);
		JsonNode result = run.json().get("results").get(0);
		assertThat(result.get("state").asString()).isEqualTo("failed");
		assertThat(result.get("exit_code").asInt()).isEqualTo(3);
		assertThat(result.get("error_kind").asString()).isEqualTo("process");
		assertThat(result.get("stderr").asString()).isEqualTo("oops\n");
		assertThat(run.json().get("process_error").asInt()).isEqualTo(1);
	}

	@Test
	void commandPastItsTimeoutIsKilledWithItsChildren() throws Exception {
		OctlRun run = octl("cmd", "run", "--timeout", "2s", "sleep 300 & echo $! > child.pid; wait", "node1");
		assertThat(run.exitCode()).isEqualTo(1);
		JsonNode result = run.json().get("results").get(0);
		assertThat(result.get("state").asString()).isEqualTo("timed-out");
		long childPid = Long.parseLong(Files.readString(work.resolve("node1/child.pid")).trim());
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive))
				.isNotEqualTo(Optional.of(true)));
	}

	@Test
	void backgroundCommandReturnsAtOnceAndKeepsRunning() throws Exception {
		OctlRun run = octl("cmd", "run", "-bg", "while [ ! -e go ]; do sleep 0.1; done; echo done > bg.txt", "node2");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.json().get("results").get(0).get("state").asString()).isEqualTo("succeeded");
		// The command returned while its process still waits for the gate file.
		assertThat(work.resolve("node2/bg.txt")).doesNotExist();
		Files.writeString(work.resolve("node2/go"), "");
		await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(work.resolve("node2/bg.txt")));
	}

	@Test
	void scriptFileRunsOnTheNode() throws Exception {
		Path script = Files.writeString(work.resolve("check.sh"), "#!/bin/sh\nset -e\nx=41\necho $((x + 1))\n");
		OctlRun run = octl("cmd", "run", "-ss", script.toString(), "node1", "node2");
		assertThat(run.exitCode()).as(run.err()).isZero();
		for (JsonNode result : run.json().get("results")) {
			assertThat(result.get("output").asString()).isEqualTo("42\n");
		}
	}

	@Test
	void stoppedTentacleTurnsOfflineAndCanBePruned() throws Exception {
		Tentacle node3 = this.fleet.start("node3", this.agentServer.port());
		assertThat(node3.awaitConnected(Duration.ofSeconds(20))).isTrue();
		assertThat(octl("node", "get", "node3").json().get("nodes").get(0).get("state").asString()).isIn("online",
				"unstable");
		node3.close();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(octl("node", "get", "-sf", "offline").json().get("nodes"))
				.anySatisfy((node) -> assertThat(node.get("name").asString()).isEqualTo("node3")));
		OctlRun run = octl("cmd", "run", "true", "node1", "node3");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.json().get("communication_error").asInt()).isEqualTo(1);
		assertThat(run.json().get("success").asInt()).isEqualTo(1);
		OctlRun pruned = octl("node", "prune", "node3");
		assertThat(pruned.exitCode()).as(pruned.err()).isZero();
		assertThat(octl("node", "get", "node3").exitCode()).isEqualTo(3);
	}

	@Test
	void pruningAnOnlineNodeIsRefused() {
		OctlRun run = octl("node", "prune", "node1");
		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.out()).isEmpty();
		assertThat(run.err()).contains("node1");
	}

	@Test
	void unknownNodeExitsWithUnexpectedState() {
		OctlRun run = octl("node", "get", "nosuchnode");
		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("nosuchnode");
	}

	@Test
	void tableOutputListsNodes() {
		OctlRun run = octl("node", "get", "-o", "table", "node1", "node2");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).contains("NAME").contains("node1").contains("node2").contains("online");
	}

	private OctlRun octl(String... args) {
		return InProcessOctl.run(this.octlConfig, work, args);
	}

}
