package io.octoplane.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

import io.octoplane.bench.harness.BenchFleet;
import io.octoplane.bench.harness.ProcessReadings;
import io.octoplane.bench.sim.FleetSimulator;
import io.octoplane.bench.sim.SimulatedExecutor;
import io.octoplane.bench.sim.SimulatedTentacle;
import io.octoplane.certs.CertificateRole;
import io.octoplane.octl.config.DurationConverter;
import io.octoplane.protocol.api.NodeState;
import io.octoplane.testsupport.process.BrainProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench connect --nodes N}: how long N nodes take to connect, and what holding
 * them costs the brain: resident memory, heap in use (before and after a full GC), and
 * CPU over an idle window in which the nodes only heartbeat.
 */
@Command(name = "connect", mixinStandardHelpOptions = true,
		description = "Connect N simulated nodes; report connect time and the brain's memory and idle CPU.")
final class ConnectBenchmark implements Callable<Integer> {

	private static final int LISTING_RUNS = 7;

	@Spec
	CommandSpec spec;

	@Mixin
	FleetOptions fleet;

	@Option(names = "--nodes", required = true, paramLabel = "N", description = "How many nodes.")
	int nodes;

	@Option(names = "--idle", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "DURATION",
			description = "Idle window over which the brain's CPU is measured (default: ${DEFAULT-VALUE}).")
	Duration idle = Duration.ofSeconds(30);

	@Override
	public Integer call() throws Exception {
		PrintWriter out = this.spec.commandLine().getOut();
		Report report = new Report("connect").put("nodes", this.nodes)
			.put("heartbeat", this.fleet.heartbeat.toString())
			.put("sparse_acks", this.fleet.sparseAcks)
			.put("brain_heap_max", this.fleet.brainHeap)
			.put("load_before", ProcessReadings.loadAverage());
		try (BenchFleet fleet = this.fleet.start()) {
			BrainProcess brain = fleet.brain();
			report.put("brain_rss_mb_empty", megabytes(ProcessReadings.residentBytes(brain.pid())));
			FleetSimulator simulator = fleet.simulator();
			long mintStart = System.nanoTime();
			List<SimulatedTentacle> prepared = simulator.prepare("sim", this.nodes, SimulatedExecutor.NOOP);
			report.putMillis("mint_certs_ms", (System.nanoTime() - mintStart) / 1e6);
			long start = System.nanoTime();
			simulator.start(prepared);
			boolean all = Progress.awaitConnected(simulator, this.nodes, connectTimeout(this.nodes));
			report.putMillis("connect_ms", (System.nanoTime() - start) / 1e6);
			report.put("connected", simulator.connected()).put("connection_failures", simulator.dialFailures());
			if (!all) {
				report.put("not_connected_because", simulator.lastErrors())
					.put("brain_alive", brain.isAlive())
					.put("brain_log", brain.logFile().toString());
				report.print(out);
				System.err.println(brain.logTail(20));
				return Bench.INCOMPLETE;
			}
			report.put("brain_online", fleet.client().nodes().list(List.of(), NodeState.ONLINE).online());
			report.put("brain_rss_mb_connected", megabytes(ProcessReadings.residentBytes(brain.pid())));
			report.put("brain_heap_used_mb_connected",
					megabytes(ProcessReadings.heapUsedBytes(brain.managementPort())));
			long brainCpu = ProcessReadings.cpuTime(brain.pid()).orElse(Duration.ZERO).toMillis();
			long ownCpu = ProcessReadings.cpuTime(ProcessHandle.current().pid()).orElse(Duration.ZERO).toMillis();
			double loadStart = ProcessReadings.loadAverage();
			System.err.println("bench: all connected; idling " + this.idle.toSeconds() + " s");
			Thread.sleep(this.idle);
			long brainCpuIdle = ProcessReadings.cpuTime(brain.pid()).orElse(Duration.ZERO).toMillis() - brainCpu;
			long ownCpuIdle = ProcessReadings.cpuTime(ProcessHandle.current().pid()).orElse(Duration.ZERO).toMillis()
					- ownCpu;
			double window = this.idle.toMillis();
			report.put("idle_s", this.idle.toSeconds())
				.put("brain_cpu_idle_pct_of_one_core", Math.round(1000.0 * brainCpuIdle / window) / 10.0)
				.put("simulator_cpu_idle_pct_of_one_core", Math.round(1000.0 * ownCpuIdle / window) / 10.0)
				.put("load_during_idle", Math.max(loadStart, ProcessReadings.loadAverage()))
				.put("connected_after_idle", simulator.connected())
				.put("brain_rss_mb_after_idle", megabytes(ProcessReadings.residentBytes(brain.pid())))
				.put("brain_heap_used_mb_after_idle", megabytes(ProcessReadings.heapUsedBytes(brain.managementPort())));
			if (ProcessReadings.collectGarbage(brain.pid())) {
				report.put("brain_heap_used_mb_after_gc",
						megabytes(ProcessReadings.heapUsedBytes(brain.managementPort())));
			}
			// A brain that knows no paging ignores the parameters and lists every node.
			Listings listings = new Listings(fleet.tls().clientContext(CertificateRole.OPERATOR, "bench-lister"),
					fleet.client().baseUri());
			Listings.report(report, "list_all", listings.time("", LISTING_RUNS));
			Listings.report(report, "list_page_100", listings.time("?limit=100", LISTING_RUNS));
			Listings.report(report, "list_offline_count", listings.time("?state=offline&limit=1", LISTING_RUNS));
			report.print(out);
			return (simulator.connected() == this.nodes) ? 0 : Bench.INCOMPLETE;
		}
	}

	/** Generous: a loaded two-core machine handshakes a few hundred nodes a second. */
	static Duration connectTimeout(int nodes) {
		return Duration.ofSeconds(60).plusMillis(30L * nodes);
	}

	static Object megabytes(OptionalLong bytes) {
		return bytes.isPresent() ? Math.round(bytes.getAsLong() / 1048576.0) : "n/a";
	}

}
