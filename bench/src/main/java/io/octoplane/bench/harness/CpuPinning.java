package io.octoplane.bench.harness;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Pins processes to CPUs with {@code taskset}, so that the brain and Redis share one core
 * and the simulated nodes and the client use the other: the brain's CPU per command is
 * then its own, not shared with the TLS work of thousands of simulated peers. Every
 * thread of a process is pinned ({@code -a}); threads started later inherit it.
 */
public final class CpuPinning {

	private CpuPinning() {
	}

	/**
	 * Pins the fleet: brain and Redis to one CPU list, this JVM to another.
	 * @param fleet the started fleet
	 * @param simulatorCpus CPUs for this JVM (simulator and client), such as {@code 0}
	 * @param brainCpus CPUs for the brain and Redis, such as {@code 1}
	 * @throws IllegalStateException if {@code taskset} fails
	 */
	public static void pin(BenchFleet fleet, String simulatorCpus, String brainCpus) {
		pin(fleet.brain().pid(), brainCpus);
		pin(fleet.redisPid(), brainCpus);
		pin(ProcessHandle.current().pid(), simulatorCpus);
	}

	private static void pin(long pid, String cpus) {
		try {
			Process taskset = new ProcessBuilder(List.of("taskset", "-a", "-cp", cpus, Long.toString(pid)))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!taskset.waitFor(10, TimeUnit.SECONDS) || taskset.exitValue() != 0) {
				taskset.destroyForcibly();
				throw new IllegalStateException("taskset -a -cp " + cpus + " " + pid + " failed");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run taskset: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while pinning " + pid, ex);
		}
	}

}
