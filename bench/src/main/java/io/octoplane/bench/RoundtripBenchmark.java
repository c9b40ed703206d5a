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
 * processes on the machine hits both alike.
 */
@Command(name = "roundtrip", mixinStandardHelpOptions = true,
		description = "One node, `true` through Octoplane vs a bare local `sh -c true`; report the overhead.")
final class RoundtripBenchmark implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	FleetOptions fleet;

	@Option(names = "--runs", defaultValue = "50", paramLabel = "N",
			description = "Measured runs of each (default: ${DEFAULT-VALUE}).")
	int runs = 50;

	@Option(names = "--warmup", defaultValue = "5", paramLabel = "N",
			description = "Unmeasured runs of each first (default: ${DEFAULT-VALUE}).")
	int warmup = 5;

	@Override
	public Integer call() throws Exception {
		PrintWriter out = this.spec.commandLine().getOut();
		Report report = new Report("roundtrip").put("load_before", ProcessReadings.loadAverage());
		try (BenchFleet fleet = this.fleet.start()) {
			List<String> target = FanoutBenchmark.connect(fleet, 1, SimulatedExecutor.EXEC, report);
			if (target.isEmpty()) {
				report.print(out);
				return Bench.INCOMPLETE;
			}
			Samples octoplane = new Samples();
			Samples bare = new Samples();
			boolean allSucceeded = true;
			for (int run = 0; run < this.warmup + this.runs; run++) {
				long bareNanos = bareTrue();
				long start = System.nanoTime();
				JobResponse job = fleet.client().submit(CommandRequest.of(target, CommandMode.SHELL, "true"));
				JobResponse done = fleet.client().awaitJob(job.id(), FanoutBenchmark.JOB_TIMEOUT, JobListener.none());
				long octoplaneNanos = System.nanoTime() - start;
				allSucceeded &= done.success() == 1;
				if (run >= this.warmup) {
					bare.add(bareNanos);
					octoplane.add(octoplaneNanos);
				}
			}
			report.put("runs", this.runs)
				.putMillis("octoplane_median_ms", octoplane.median())
				.putMillis("octoplane_min_ms", octoplane.min())
				.putMillis("octoplane_max_ms", octoplane.max())
				.putMillis("bare_sh_median_ms", bare.median())
				.putMillis("bare_sh_min_ms", bare.min())
				.putMillis("bare_sh_max_ms", bare.max())
				.putMillis("overhead_median_ms", octoplane.median() - bare.median())
				.put("all_succeeded", allSucceeded)
				.put("load_after", ProcessReadings.loadAverage());
			report.print(out);
			return allSucceeded ? 0 : Bench.INCOMPLETE;
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
