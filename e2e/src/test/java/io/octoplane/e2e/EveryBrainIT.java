package io.octoplane.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.octoplane.e2e.support.BrainSet;
import io.octoplane.e2e.support.OneAppScenario;
import io.octoplane.testsupport.brain.BrainTestSupport;
import io.octoplane.testsupport.certs.CertFixtures;
import io.octoplane.testsupport.link.FaultyLink;
import io.octoplane.testsupport.octl.OctlRun;
import io.octoplane.testsupport.process.BrainArgs;
import io.octoplane.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three brains on one Redis behind a round-robin TCP balancer for the agent port, so each
 * holds some of the nodes. Every octl command family that reaches nodes, files and
 * scenarios is run through every brain in turn and must answer as if there were one
 * brain; then one brain is killed and the rest carry on with its nodes.
 */
class EveryBrainIT {

	@RegisterExtension
	@Order(1)
	static final RedisServerExtension redis = new RedisServerExtension();

	static final CertFixtures certs = BrainTestSupport.certificates();

	@RegisterExtension
	@Order(2)
	static final BrainSet brains = BrainSet
		.of((dataDir) -> BrainArgs.withFreePorts(certs, redis.port(), dataDir), "brain-a", "brain-b", "brain-c")
		.withSteadyHeartbeats();

	@TempDir
	Path work;

	@Test
	void everyBrainAnswersEveryCallAndTheOthersCarryOnWhenOneDies() throws Exception {
		try (FaultyLink agents = FaultyLink.balance(brains.agentPorts());
				TentacleFleet fleet = new TentacleFleet(certs, this.work.resolve("fleet"))) {
			List<String> nodes = fleet.startAll("eb", 3, agents.port());
			Path scenario = OneAppScenario.write(this.work, "everywhere", "one app on every node", nodes, "app.log",
					"");
			for (int i = 0; i < brains.size(); i++) {
				Path config = Files.createDirectories(this.work.resolve("octl-" + i));
				OperatorOctlConfig.write(config, certs, brains.args(i).restUri(), "timeout: 60s");
				Path octl = config.resolve("octl.yaml");
				throughOneBrain(octl, config, fleet, nodes, scenario, i);
			}

			// Brain a dies; the balancer's health check leaves it out, its nodes
			// redial and land on b or c, and work goes on through b.
			brains.process(0).kill();
			agents.drop(brains.args(0).agentPort());
			Path config = this.work.resolve("octl-1");
			Path octl = config.resolve("octl.yaml");
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				OctlRun get = InProcessOctl.run(octl, config, "node", "get", "-sf", "online");
				return get.exitCode() == 0 && nodes.stream().allMatch(get.out()::contains);
			});
			throughOneBrain(octl, config, fleet, nodes, scenario, 3);
		}
	}

	private void throughOneBrain(Path octl, Path home, TentacleFleet fleet, List<String> nodes, Path scenario,
			int round) throws Exception {
		OctlRun get = InProcessOctl.run(octl, home, "node", "get");
		assertThat(get.exitCode()).as(get.err()).isZero();
		assertThat(get.out()).contains(nodes);

		List<String> run = new ArrayList<>(List.of("cmd", "run", "echo round-" + round));
		run.addAll(nodes);
		OctlRun command = InProcessOctl.run(octl, home, run.toArray(String[]::new));
		assertThat(command.exitCode()).as(command.err()).isZero();
		assertThat(command.out()).contains("round-" + round);

		Path file = Files.writeString(this.work.resolve("upload-" + round + ".txt"), "round " + round + "\n");
		List<String> upload = new ArrayList<>(List.of("file", "upload", file.toString(), "@workspace"));
		upload.addAll(nodes);
		OctlRun uploaded = InProcessOctl.run(octl, home, upload.toArray(String[]::new));
		assertThat(uploaded.exitCode()).as(uploaded.err()).isZero();
		for (String node : nodes) {
			assertThat(fleet.lines(node, "upload-" + round + ".txt")).as(node).containsExactly("round " + round);
		}

		Path into = this.work.resolve("downloads-" + round);
		OctlRun downloaded = InProcessOctl.run(octl, home, "file", "download", "@workspace/upload-" + round + ".txt",
				into.toString(), nodes.get(round % nodes.size()));
		assertThat(downloaded.exitCode()).as(downloaded.err()).isZero();
		assertThat(into.resolve("upload-" + round + ".txt")).hasContent("round " + round + "\n");

		OctlRun applied = InProcessOctl.run(octl, home, "scen", "apply", scenario.toString(), "-m", "round " + round);
		assertThat(applied.exitCode()).as(applied.out() + applied.err()).isZero();
		OctlRun versions = InProcessOctl.run(octl, home, "scen", "version", "everywhere");
		assertThat(versions.exitCode()).as(versions.err()).isZero();
		assertThat(versions.out()).contains("round " + round);
		OctlRun napps = InProcessOctl.run(octl, home, "napp", "get", nodes.get(0));
		assertThat(napps.exitCode()).as(napps.err()).isZero();
		assertThat(napps.out()).contains("app@everywhere");
	}

}
