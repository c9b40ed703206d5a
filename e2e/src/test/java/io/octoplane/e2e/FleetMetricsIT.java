package io.octoplane.e2e;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.octoplane.brain.agent.AgentServer;
import io.octoplane.certs.PemPair;
import io.octoplane.e2e.support.InProcessBrainTest;
import io.octoplane.tentacle.Tentacle;
import io.octoplane.tentacle.config.BrainAddress;
import io.octoplane.tentacle.config.TentacleConfig;
import io.octoplane.testsupport.metrics.PrometheusScrape;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After a real run (real tentacles running real commands, driven by octl), the brain's
 * Prometheus endpoint shows what happened and promtool parses it; octl's own operations
 * commands work against the real brain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetMetricsIT extends InProcessBrainTest {

	@TempDir
	static Path work;

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	AgentServer agentServer;

	private final List<Tentacle> tentacles = new ArrayList<>();

	private Path octlConfig;

	@BeforeAll
	void startFleet() throws Exception {
		for (String name : List.of("metrics-node1", "metrics-node2")) {
			PemPair pair = certs.node(name);
			TentacleConfig config = TentacleConfig
				.of(new BrainAddress("localhost", this.agentServer.port()), pair.certificate(), pair.privateKey(),
						certs.caCert(), work.resolve(name))
				.withTimings(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5));
			Tentacle tentacle = new Tentacle(config, Clock.systemUTC());
			this.tentacles.add(tentacle);
			tentacle.start();
			assertThat(tentacle.awaitConnected(Duration.ofSeconds(20))).as(name + " connected").isTrue();
		}
		this.octlConfig = OperatorOctlConfig.write(work, certs, "https://127.0.0.1:" + this.port, "timeout: 30s");
	}

	@AfterAll
	void stopFleet() {
		this.tentacles.forEach(Tentacle::close);
	}

	@Test
	void metricsShowARealRunAndParse() throws Exception {
		assertThat(octl("cmd", "run", "echo hi", "metrics-node1", "metrics-node2").exitCode()).isZero();
		assertThat(octl("cmd", "run", "exit 3", "metrics-node1").exitCode()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			PrometheusScrape scrape = PrometheusScrape.of(this.managementPort);
			assertThat(scrape.value("octoplane_commands_total", "outcome", "succeeded")).isGreaterThanOrEqualTo(2);
			assertThat(scrape.value("octoplane_commands_total", "outcome", "failed")).isGreaterThanOrEqualTo(1);
			assertThat(scrape.value("octoplane_command_fanout_seconds_count")).isGreaterThanOrEqualTo(3);
			assertThat(scrape.value("octoplane_agent_connections")).isGreaterThanOrEqualTo(2);
			assertThat(scrape.value("octoplane_agent_heartbeats_total")).isPositive();
			// Tentacles report the RTT they measured from the second heartbeat on.
			assertThat(scrape.value("octoplane_agent_rtt_seconds_count")).isPositive();
			assertThat(scrape.value("octoplane_agent_traffic_bytes_total", "direction", "in")).isPositive();
			assertThat(scrape.value("octoplane_nodes", "state", "online")
					+ scrape.value("octoplane_nodes", "state", "unstable"))
				.isGreaterThanOrEqualTo(2);
		});
		PrometheusScrape scrape = PrometheusScrape.of(this.managementPort);
		assertThat(scrape.promtoolFindings().lines().filter((line) -> line.contains("octoplane_"))).isEmpty();
	}

	@Test
	void octlVersionNamesTheRealBrain() {
		OctlRun run = octl("version");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.json().get("brain").get("name").asString()).isEqualTo("test-brain");
		assertThat(run.json().get("client").get("version").asString()).isNotBlank();
	}

	@Test
	void wideNodeListShowsPlatform() {
		OctlRun run = octl("node", "get", "metrics-node1", "-o", "wide");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).contains("ARCH").contains("metrics-node1").contains(System.getProperty("os.arch"));
	}

	private OctlRun octl(String... args) {
		return InProcessOctl.run(this.octlConfig, work, args);
	}

}
