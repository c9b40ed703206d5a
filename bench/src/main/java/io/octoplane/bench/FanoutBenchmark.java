package io.octoplane.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import io.octoplane.bench.harness.BenchFleet;
import io.octoplane.bench.harness.ProcessReadings;
import io.octoplane.bench.sim.FleetSimulator;
import io.octoplane.bench.sim.SimulatedExecutor;
import io.octoplane.client.JobListener;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench fanout --nodes N}: once N nodes are connected, the wall time from
 * submitting {@code true} to all of them until the job is done, as an operator sees it
 * through octl's SDK (submit, then follow the job's event stream until every node
 * reported).
 */
@Command(name = "fanout", mixinStandardHelpOptions = true,
		description = "Run `true` on N connected simulated nodes; report submit-to-done wall time.")
final class FanoutBenchmark implements Callable<Integer> {

	static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);

	/** Wants every node state and drops it, so only the stream's cost is measured. */
	private static final JobListener NODE_STATES = new JobListener() {
	};

	@Spec
	CommandSpec spec;

	@Mixin
	FleetOptions fleet;

	@Option(names = "--nodes", required = true, paramLabel = "N", description = "How many nodes.")
	int nodes;

	@Option(names = "--runs", defaultValue = "5", paramLabel = "N",
			description = "Measured runs (default: ${DEFAULT-VALUE}).")
	int runs = 5;

	@Option(names = "--warmup", defaultValue = "1", paramLabel = "N",
			description = "Runs before the measured ones, reported apart (default: ${DEFAULT-VALUE}).")
	int warmup = 1;

	@Option(names = "--exec", defaultValue = "noop", paramLabel = "noop|exec",
			description = "How nodes carry out the command: noop answers at once, exec runs sh -c (default: ${DEFAULT-VALUE}).")
	String executor = "noop";

	@Option(names = "--command", defaultValue = "true", description = "The command (default: ${DEFAULT-VALUE}).")
	String command = "true";

	@Option(names = "--node-events",
			description = "Follow every node's state changes as they happen, as octl cmd run -o table does; "
					+ "by default the client asks for live output and the final job only.")
	boolean nodeEvents;

	@Override
	public Integer call() throws Exception {
		PrintWriter out = this.spec.commandLine().getOut();
		SimulatedExecutor executor = SimulatedExecutor.parse(this.executor);
		Report report = new Report("fanout").put("nodes", this.nodes)
			.put("executor", executor.name().toLowerCase(Locale.ROOT))
			.put("command", this.command)
			.put("node_events", this.nodeEvents)
			.put("load_before", ProcessReadings.loadAverage());
		try (BenchFleet fleet = this.fleet.start()) {
			List<String> targets = connect(fleet, this.nodes, executor, report);
			if (targets.isEmpty()) {
				report.print(out);
				return Bench.INCOMPLETE;
			}
			Measurement measured = measure(fleet, targets, this.command, this.warmup, this.runs,
					this.nodeEvents ? NODE_STATES : JobListener.none());
			measured.addTo(report, "");
			long brainCpu = measured.cpuMillisPerRun()[0];
			report.put("brain_cpu_us_per_node", (brainCpu >= 0) ? brainCpu * 1000 / this.nodes : -1);
			report.put("load_after", ProcessReadings.loadAverage())
				.put("brain_rss_mb", ConnectBenchmark.megabytes(ProcessReadings.residentBytes(fleet.brain().pid())));
			report.print(out);
			return measured.allSucceeded() ? 0 : Bench.INCOMPLETE;
		}
	}

	/**
	 * Starts and connects nodes {@code sim-00001} onwards, waiting until the brain, too,
	 * lists them all online.
	 * @return their names, or an empty list if not all connected (the report says why)
	 */
	static List<String> connect(BenchFleet fleet, int count, SimulatedExecutor executor, Report report)
			throws InterruptedException {
		FleetSimulator simulator = fleet.simulator();
		long start = System.nanoTime();
		simulator.start(simulator.prepare("sim", count, executor));
		if (!Progress.awaitConnected(simulator, count, ConnectBenchmark.connectTimeout(count))) {
			report.put("connected", simulator.connected())
				.put("not_connected_because", simulator.lastErrors())
				.put("brain_log", fleet.brain().logFile().toString());
			return List.of();
		}
		report.putMillis("mint_and_connect_ms", (System.nanoTime() - start) / 1e6);
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		int online = 0;
		while (System.nanoTime() - deadline < 0) {
			online = fleet.client().nodes().list(List.of(), NodeState.ONLINE).online();
			if (online >= count) {
				break;
			}
			Thread.sleep(200);
		}
		report.put("brain_online", online);
		return IntStream.rangeClosed(1, count).mapToObj((index) -> FleetSimulator.nodeName("sim", index)).toList();
	}

	/**
	 * Runs the command on every target, {@code warmup + runs} times, one job at a time,
	 * and accounts the CPU time the brain, Redis and this JVM (the simulated nodes and
	 * the client) spent on the measured runs, to show which of them the wall time waits
	 * for.
	 */
	static Measurement measure(BenchFleet fleet, List<String> targets, String command, int warmup, int runs) {
		return measure(fleet, targets, command, warmup, runs, JobListener.none());
	}

	/**
	 * {@link #measure(BenchFleet, List, String, int, int)} with a listener of the job's
	 * events.
	 */
	static Measurement measure(BenchFleet fleet, List<String> targets, String command, int warmup, int runs,
			JobListener listener) {
		OctoplaneClient client = fleet.client();
		long[] cpuStart = cpuMillis(fleet);
		Samples warm = new Samples();
		Samples done = new Samples();
		Samples accepted = new Samples();
		boolean allSucceeded = true;
		for (int run = 0; run < warmup + runs; run++) {
			long start = System.nanoTime();
			JobResponse job = client.jobs().submit(CommandRequest.of(targets, CommandMode.SHELL, command));
			long submitted = System.nanoTime();
			JobResponse finished = client.jobs().await(job.id(), JOB_TIMEOUT, listener);
			long end = System.nanoTime();
			allSucceeded &= finished.success() == targets.size();
			if (finished.success() != targets.size()) {
				System.err.printf("bench: run %d: %d succeeded, %d communication errors, %d process errors%n", run,
						finished.success(), finished.communicationError(), finished.processError());
			}
			if (run == warmup - 1) {
				cpuStart = cpuMillis(fleet);
			}
			if (run < warmup) {
				warm.add(end - start);
			}
			else {
				done.add(end - start);
				accepted.add(submitted - start);
			}
		}
		long[] cpuEnd = cpuMillis(fleet);
		int measured = runs;
		long[] perRun = new long[3];
		for (int i = 0; i < 3; i++) {
			perRun[i] = (measured > 0) ? (cpuEnd[i] - cpuStart[i]) / measured : -1;
		}
		return new Measurement(warm, done, accepted, allSucceeded, perRun);
	}

	/** CPU milliseconds used so far by the brain, Redis and this JVM. */
	private static long[] cpuMillis(BenchFleet fleet) {
		return new long[] { cpu(fleet.brain().pid()), cpu(fleet.redisPid()), cpu(ProcessHandle.current().pid()) };
	}

	private static long cpu(long pid) {
		return ProcessReadings.cpuTime(pid).map(Duration::toMillis).orElse(-1L);
	}

	/**
	 * Figures of {@link #measure}.
	 *
	 * @param warmup wall times of the warm-up runs
	 * @param done wall times from submit until the job was done
	 * @param accepted times until the brain answered the submit
	 * @param allSucceeded whether every node succeeded in every run
	 * @param cpuMillisPerRun CPU milliseconds per measured run of the brain, Redis and
	 * this JVM, in that order
	 */
	record Measurement(Samples warmup, Samples done, Samples accepted, boolean allSucceeded, long[] cpuMillisPerRun) {

		void addTo(Report report, String prefix) {
			if (this.warmup.count() > 0) {
				report.putMillis(prefix + "warmup_median_ms", this.warmup.median());
			}
			report.put(prefix + "runs", this.done.count())
				.putMillis(prefix + "median_ms", this.done.median())
				.putMillis(prefix + "min_ms", this.done.min())
				.putMillis(prefix + "max_ms", this.done.max())
				.putMillis(prefix + "submit_accepted_median_ms", this.accepted.median())
				.put(prefix + "all_succeeded", this.allSucceeded)
				.put(prefix + "brain_cpu_ms_per_run", this.cpuMillisPerRun[0])
				.put(prefix + "redis_cpu_ms_per_run", this.cpuMillisPerRun[1])
				.put(prefix + "simulator_and_client_cpu_ms_per_run", this.cpuMillisPerRun[2]);
		}

	}

}
