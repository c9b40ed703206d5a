package io.octoplane.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import io.octoplane.bench.harness.BenchFleet;
import io.octoplane.bench.harness.ProcessReadings;
import io.octoplane.bench.sim.FleetSimulator;
import io.octoplane.bench.sim.SimulatedExecutor;
import io.octoplane.bench.sim.SimulatedTentacle;
import io.octoplane.client.JobListener;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.JobResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench storm --nodes N}: the reconnect storm after a brain crash. N nodes are
 * connected; the brain is killed with SIGKILL and started again; a command for all N is
 * sent the moment the new brain is ready, while most nodes are still redialling (with
 * their jittered backoff). Reports how long until every node is back and whether every
 * node ran the command exactly once.
 */
@Command(name = "storm", mixinStandardHelpOptions = true,
		description = "Kill the brain under N connected nodes, restart it, time the reconnect storm, check a command queued meanwhile.")
final class StormBenchmark implements Callable<Integer> {

	private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

	@Spec
	CommandSpec spec;

	@Mixin
	FleetOptions fleet;

	@Option(names = "--nodes", required = true, paramLabel = "N", description = "How many nodes.")
	int nodes;

	@Option(names = "--blip",
			description = "Cut every node's connection at once instead of restarting the brain, as a network outage does: the brain stays up and nodes resume their TLS sessions.")
	boolean blip;

	@Override
	public Integer call() throws Exception {
		PrintWriter out = this.spec.commandLine().getOut();
		Report report = new Report("storm").put("nodes", this.nodes)
			.put("heartbeat", this.fleet.heartbeat.toString())
			.put("load_before", ProcessReadings.loadAverage());
		try (BenchFleet fleet = this.fleet.start()) {
			FleetSimulator simulator = fleet.simulator();
			List<SimulatedTentacle> prepared = simulator.prepare("storm", this.nodes, SimulatedExecutor.NOOP);
			simulator.start(prepared);
			if (!Progress.awaitConnected(simulator, this.nodes, ConnectBenchmark.connectTimeout(this.nodes))) {
				report.put("connected", simulator.connected()).put("not_connected_because", simulator.lastErrors());
				report.print(out);
				return Bench.INCOMPLETE;
			}
			List<String> targets = prepared.stream().map(SimulatedTentacle::name).toList();
			long failuresBefore = simulator.dialFailures();
			long killed = System.nanoTime();
			if (this.blip) {
				System.err.println("bench: all " + this.nodes + " connected; cutting every connection");
				simulator.dropConnections();
			}
			else {
				System.err.println("bench: all " + this.nodes + " connected; killing the brain");
				fleet.restartBrain();
			}
			long ready = System.nanoTime();
			long brainPid = fleet.brain().pid();
			long cpuAtReady = ProcessReadings.cpuTime(brainPid).orElse(Duration.ZERO).toMillis();
			report.put("mode", this.blip ? "blip (brain stays up)" : "brain restart");
			report.putMillis("brain_down_ms", (ready - killed) / 1e6);
			report.put("connected_when_brain_ready", simulator.connected());
			RestProbe probe = RestProbe.start(fleet.client());
			// Sent at once: most nodes are still away, so the command waits in their
			// queues and must reach each of them exactly once when it is back.
			JobResponse job = fleet.client()
				.jobs()
				.submit(new CommandRequest(targets, CommandMode.SHELL, "true", 60L, null, 300L, null, null, null,
						null));
			boolean all = Progress.awaitConnected(simulator, this.nodes, Duration.ofMinutes(5));
			long back = System.nanoTime();
			long cpuReconnect = ProcessReadings.cpuTime(brainPid).orElse(Duration.ZERO).toMillis() - cpuAtReady;
			Samples rest = probe.stop();
			report.putMillis("reconnect_ms_after_ready", (back - ready) / 1e6)
				.putMillis("reconnect_ms_after_kill", (back - killed) / 1e6)
				.put("connected", simulator.connected())
				.put("dial_failures_during_storm", simulator.dialFailures() - failuresBefore)
				.put("brain_cpu_ms_until_all_back", cpuReconnect)
				.put("brain_cpu_ms_per_node", Math.round(10.0 * cpuReconnect / this.nodes) / 10.0)
				.put("rest_probes", rest.count())
				.put("rest_probe_failures", probe.failures());
			if (rest.count() > 0) {
				report.putMillis("rest_ms_p50", rest.median())
					.putMillis("rest_ms_p99", rest.percentile(0.99))
					.putMillis("rest_ms_max", rest.max());
			}
			JobResponse done = fleet.client().jobs().await(job.id(), JOB_TIMEOUT, JobListener.none());
			long succeeded = done.results().stream().filter((result) -> "succeeded".equals(result.state())).count();
			report.putMillis("queued_job_done_ms_after_ready", (System.nanoTime() - ready) / 1e6)
				.put("queued_job_succeeded", succeeded)
				.put("queued_job_lost", this.nodes - succeeded)
				.put("commands_run_by_nodes", simulator.commandsRun())
				.put("load_after", ProcessReadings.loadAverage());
			report.print(out);
			return (all && succeeded == this.nodes) ? 0 : Bench.INCOMPLETE;
		}
	}

}
