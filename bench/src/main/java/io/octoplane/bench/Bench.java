package io.octoplane.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the benchmark suite:
 * {@code java -jar bench/target/octoplane-bench-*-exec.jar <benchmark> [options]}. Each
 * benchmark is a subcommand that sets up what it needs and tears it down again.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
		description = "Octoplane benchmarks: a real brain and Redis, thousands of simulated tentacles.",
		subcommands = { ConnectBenchmark.class, FanoutBenchmark.class, RoundtripBenchmark.class, StormBenchmark.class,
				PeersBenchmark.class, FilesBenchmark.class, FootprintBenchmark.class, SelectBenchmark.class,
				ConsoleBenchmark.class, HandshakeBenchmark.class })
public final class Bench {

	/**
	 * Exit status when a benchmark ran but its fleet did not (all connect, all succeed).
	 */
	static final int INCOMPLETE = 3;

	private Bench() {
	}

	/**
	 * Runs a benchmark and exits with its status.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		// The bench's own logging (Redis start, simulator warnings) stays terse; the
		// brain logs to its own file.
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		System.exit(new CommandLine(new Bench()).execute(args));
	}

}
