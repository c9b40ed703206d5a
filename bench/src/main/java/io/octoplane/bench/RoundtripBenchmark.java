package io.octoplane.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import io.octoplane.bench.harness.BenchFleet;
import io.octoplane.bench.harness.ProcessReadings;
import io.octoplane.bench.sim.SimulatedExecutor;
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
 * {@code bench roundtrip}: what running one command through Octoplane costs on top of
 * running it locally. One node with the exec executor runs {@code true}; each Octoplane
 * round trip (submit, deliver over mTLS, fork and exec, result, job done) is paired with
 * a bare local {@code sh -c true} from this JVM, alternating, so that load from other
 * processes on the machine hits both alike. Each Octoplane round trip is made twice, one
 * after the other: as one request that starts the job and follows it ({@code jobs().run},
 * what octl does), and as a submit, then a follow of the job. It measures twice: right
 * after the brain started (its code still interpreted or compiled without profiles, as
 * for the first commands after a restart), and again once a warm-up of many round trips
 * has let the JIT compile the path, as in a brain that has been serving for a while.
 */
@Command(name = "roundtrip", mixinStandardHelpOptions = true,
		description = "One node, `true` through Octoplane vs a bare local `sh -c true`; report the overhead.")
final class RoundtripBenchmark implements Callable<Integer> {

	private static final String RATE_PREFIX = "--octoplane.security.";

	@Spec
	CommandSpec spec;

	@Mixin
	FleetOptions fleet;

	@Option(names = "--runs", defaultValue = "50", paramLabel = "N",
			description = "Measured runs of each (default: ${DEFAULT-VALUE}).")
	int runs = 50;

	@Option(names = "--warmup", defaultValue = "3000", paramLabel = "N",
			description = "Unmeasured runs between the cold and the warm measurement (default: ${DEFAULT-VALUE}).")
	int warmup = 3000;

	@Override
	public Integer call() throws Exception {
		PrintWriter out = this.spec.commandLine().getOut();
		Report report = new Report("roundtrip").put("load_before", ProcessReadings.loadAverage());
		if (this.fleet.brainArgs.stream().noneMatch((arg) -> arg.startsWith(RATE_PREFIX))) {
			// Thousands of calls in a row are this benchmark, not an abusive operator.
			this.fleet.brainArgs.add(RATE_PREFIX + "requests-per-second=100000");
			this.fleet.brainArgs.add(RATE_PREFIX + "burst=100000");
		}
		try (BenchFleet fleet = this.fleet.start()) {
			List<String> target = FanoutBenchmark.connect(fleet, 1, SimulatedExecutor.EXEC, report);
			if (target.isEmpty()) {
				report.print(out);
				return Bench.INCOMPLETE;
			}
			Phase cold = measure(fleet, target, this.runs);
			measure(fleet, target, this.warmup);
			Phase warm = measure(fleet, target, this.runs);
			report.put("runs", this.runs).put("warmup", this.warmup);
			cold.put(report, "cold_");
			warm.put(report, "");
			report.put("all_succeeded", cold.allSucceeded() && warm.allSucceeded())
				.put("load_after", ProcessReadings.loadAverage());
			report.print(out);
			return (cold.allSucceeded() && warm.allSucceeded()) ? 0 : Bench.INCOMPLETE;
		}
	}

	private static Phase measure(BenchFleet fleet, List<String> target, int runs) throws Exception {
		Samples octoplane = new Samples();
		Samples twoRequests = new Samples();
		Samples bare = new Samples();
		boolean allSucceeded = true;
		CommandRequest request = CommandRequest.of(target, CommandMode.SHELL, "true");
		for (int run = 0; run < runs; run++) {
			bare.add(bareTrue());
			long start = System.nanoTime();
			JobResponse done = fleet.client().jobs().run(request, FanoutBenchmark.JOB_TIMEOUT, JobListener.none());
			octoplane.add(System.nanoTime() - start);
			allSucceeded &= done.success() == 1;
			start = System.nanoTime();
			JobResponse job = fleet.client().jobs().submit(request);
			done = fleet.client().jobs().await(job.id(), FanoutBenchmark.JOB_TIMEOUT, JobListener.none());
			twoRequests.add(System.nanoTime() - start);
			allSucceeded &= done.success() == 1;
		}
		return new Phase(octoplane, twoRequests, bare, allSucceeded);
	}

	/**
	 * One series of alternating round trips and bare runs: {@code octoplane} starts and
	 * follows each job in one request ({@code jobs().run}), {@code two_requests} submits
	 * it, then follows it.
	 */
	private record Phase(Samples octoplane, Samples twoRequests, Samples bare, boolean allSucceeded) {

		void put(Report report, String prefix) {
			report.putMillis(prefix + "octoplane_median_ms", this.octoplane.median())
				.putMillis(prefix + "octoplane_min_ms", this.octoplane.min())
				.putMillis(prefix + "octoplane_max_ms", this.octoplane.max())
				.putMillis(prefix + "two_requests_median_ms", this.twoRequests.median())
				.putMillis(prefix + "two_requests_min_ms", this.twoRequests.min())
				.putMillis(prefix + "bare_sh_median_ms", this.bare.median())
				.putMillis(prefix + "bare_sh_min_ms", this.bare.min())
				.putMillis(prefix + "bare_sh_max_ms", this.bare.max())
				.putMillis(prefix + "overhead_median_ms", this.octoplane.median() - this.bare.median())
				.putMillis(prefix + "two_requests_overhead_median_ms", this.twoRequests.median() - this.bare.median());
		}

	}

	private static long bareTrue() throws IOException, InterruptedException {
		long start = System.nanoTime();
		Process process = new ProcessBuilder(List.of("sh", "-c", "true")).start();
		process.getOutputStream().close();
		// Read to the end as the executor does, so both sides wait for the same pipes.
		process.getInputStream().readAllBytes();
		process.getErrorStream().readAllBytes();
		int status = process.waitFor();
		long elapsed = System.nanoTime() - start;
		if (status != 0) {
			throw new IllegalStateException("sh -c true exited with " + status);
		}
		return elapsed;
	}

}
