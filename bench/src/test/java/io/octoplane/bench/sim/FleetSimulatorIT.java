package io.octoplane.bench.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.octoplane.bench.harness.BenchFleet;
import io.octoplane.bench.harness.FleetSettings;
import io.octoplane.client.JobListener;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.protocol.api.NodeState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator at small N against a real brain (its executable jar in a child JVM) over
 * a real redis-server: every node connects over mTLS and a fan-out of {@code true}
 * succeeds everywhere. No timings are asserted; the benchmarks measure those.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetSimulatorIT {

	private static final int NODES = 20;

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	@TempDir
	static Path work;

	private BenchFleet fleet;

	@BeforeAll
	void startFleet() {
		this.fleet = BenchFleet.start(new FleetSettings(work,
				Path.of(System.getProperty("octoplane.bench.brain-jar", "target/brain/octoplane-brain.jar")), "256m",
				Duration.ofMillis(500), 8, List.of(), List.of()));
	}

	@AfterAll
	void stopFleet() {
		if (this.fleet != null) {
			this.fleet.close();
		}
	}

	@Test
	void everyNodeConnectsAndRunsTrue() throws Exception {
		FleetSimulator simulator = this.fleet.simulator();
		simulator.start(simulator.prepare("noop", NODES, SimulatedExecutor.NOOP));
		// Counts every node of the simulator, including those of other tests.
		assertThat(simulator.awaitConnected(simulator.tentacles().size(), TIMEOUT)).as(simulator::lastErrors).isTrue();
		List<String> targets = names("noop", NODES);
		assertThat(this.fleet.client().nodes().list(targets, NodeState.ONLINE).online()).isEqualTo(NODES);

		JobResponse done = runTrue(targets);

		assertThat(done.success()).isEqualTo(NODES);
		assertThat(done.results()).extracting(NodeCommandResult::exitCode).containsOnly(0);
		// Heartbeats at the brain's pace keep every node connected meanwhile.
		assertThat(simulator.tentacles())
			.allSatisfy((tentacle) -> assertThat(tentacle.heartbeatIntervalMillis()).isEqualTo(500));
		// The brain acknowledges a result after storing it, so the job can be done a
		// moment before the last acknowledgement arrives; every one must arrive.
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (simulator.tentacles().stream().anyMatch((tentacle) -> tentacle.unacknowledgedResults() > 0)
				&& System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(simulator.tentacles())
			.allSatisfy((tentacle) -> assertThat(tentacle.unacknowledgedResults()).isZero());
	}

	@Test
	void execNodesReallyRunTheCommand() throws Exception {
		FleetSimulator simulator = this.fleet.simulator();
		simulator.start(simulator.prepare("exec", 3, SimulatedExecutor.EXEC));
		assertThat(simulator.awaitConnected(simulator.tentacles().size(), TIMEOUT)).as(simulator::lastErrors).isTrue();
		List<String> targets = names("exec", 3);

		JobResponse done = this.fleet.client()
			.jobs()
			.await(this.fleet.client()
				.jobs()
				.submit(CommandRequest.of(targets, CommandMode.SHELL, "echo hi; exit 3"))
				.id(), TIMEOUT, JobListener.none());

		assertThat(done.processError()).isEqualTo(3);
		assertThat(done.results()).allSatisfy((result) -> {
			assertThat(result.exitCode()).isEqualTo(3);
			assertThat(result.output()).isEqualTo("hi\n");
		});
	}

	private JobResponse runTrue(List<String> targets) {
		JobResponse job = this.fleet.client().jobs().submit(CommandRequest.of(targets, CommandMode.SHELL, "true"));
		return this.fleet.client().jobs().await(job.id(), TIMEOUT, JobListener.none());
	}

	private static List<String> names(String prefix, int count) {
		return IntStream.rangeClosed(1, count).mapToObj((index) -> FleetSimulator.nodeName(prefix, index)).toList();
	}

}
