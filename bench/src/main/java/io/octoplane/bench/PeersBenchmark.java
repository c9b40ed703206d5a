package io.octoplane.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.octoplane.bench.harness.BenchFleet;
import io.octoplane.bench.harness.ProcessReadings;
import io.octoplane.bench.sim.SimulatedExecutor;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench peers --nodes N}: the same {@code true} fan-out to N local nodes with
 * Ansible and parallel-ssh (through a real sshd on loopback, by the shared peer script)
 * and with Octoplane (simulated nodes really running {@code sh -c true}), as ratios.
 * Without the peer script or its tools the figures published for N=100 on the development
 * machine stand in, and the report says so.
 */
@Command(name = "peers", mixinStandardHelpOptions = true,
		description = "`true` on N nodes with Ansible and parallel-ssh vs Octoplane; report the ratios.")
final class PeersBenchmark implements Callable<Integer> {

	/**
	 * Figures for N=100 measured on the development machine; used when the peers cannot
	 * run.
	 */
	private static final Map<String, Double> PUBLISHED_100 = Map.of("ansible", 112.6, "parallel-ssh", 26.7);

	private static final Pattern TIME = Pattern.compile("^(ansible|parallel-ssh) N=(\\d+): ([0-9.]+) s$");

	private static final Pattern OK = Pattern.compile("^ok: (\\d+)$");

	@Spec
	CommandSpec spec;

	@Mixin
	FleetOptions fleet;

	@Option(names = "--nodes", defaultValue = "100", paramLabel = "N",
			description = "How many nodes (default: ${DEFAULT-VALUE}).")
	int nodes = 100;

	@Option(names = "--script", defaultValue = "../shared/bench/peer-fanout.sh", paramLabel = "FILE",
			description = "The peer script (default: ${DEFAULT-VALUE}).")
	Path script = Path.of("../shared/bench/peer-fanout.sh");

	@Option(names = "--runs", defaultValue = "5", paramLabel = "N",
			description = "Measured Octoplane runs (default: ${DEFAULT-VALUE}).")
	int runs = 5;

	@Override
	public Integer call() throws Exception {
		PrintWriter out = this.spec.commandLine().getOut();
		Report report = new Report("peers").put("nodes", this.nodes).put("load_before", ProcessReadings.loadAverage());
		Map<String, Double> peers = runPeers(report);
		if (peers.isEmpty() && this.nodes == 100) {
			peers = PUBLISHED_100;
			report.put("peer_source", "published figures (N=100, docs/benchmarks.md)");
		}
		peers.forEach((tool, seconds) -> report.put(tool + "_s", seconds));
		try (BenchFleet fleet = this.fleet.start()) {
			List<String> targets = FanoutBenchmark.connect(fleet, this.nodes, SimulatedExecutor.EXEC, report);
			if (targets.isEmpty()) {
				report.print(out);
				return Bench.INCOMPLETE;
			}
			FanoutBenchmark.Measurement measured = FanoutBenchmark.measure(fleet, targets, "true", 1, this.runs);
			measured.addTo(report, "octoplane_");
			double octoplaneSeconds = measured.done().median() / 1000;
			peers.forEach((tool, seconds) -> report.put(tool + "_vs_octoplane",
					Math.round(seconds / octoplaneSeconds * 10) / 10.0 + "x"));
			report.put("load_after", ProcessReadings.loadAverage());
			report.print(out);
			return measured.allSucceeded() ? 0 : Bench.INCOMPLETE;
		}
	}

	/**
	 * Runs the peer script; empty if it is missing or a tool did not reach every node.
	 */
	private Map<String, Double> runPeers(Report report) throws IOException, InterruptedException {
		if (!Files.isRegularFile(this.script)) {
			report.put("peer_script", "not found at " + this.script.toAbsolutePath());
			return Map.of();
		}
		System.err.println("bench: running " + this.script + " " + this.nodes + " (takes minutes)");
		Process process = new ProcessBuilder(List.of("bash", this.script.toString(), Integer.toString(this.nodes)))
			.redirectErrorStream(true)
			.start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.MINUTES)) {
			process.destroyForcibly();
		}
		Map<String, Double> times = parse(output, this.nodes);
		if (times.isEmpty()) {
			report.put("peer_script", "ran, but not every node answered: "
					+ output.strip().replace('\n', '|').substring(0, Math.min(300, output.strip().length())));
		}
		else {
			report.put("peer_source", "measured now by " + this.script);
		}
		return times;
	}

	/**
	 * Reads the script's {@code <tool> N=<n>: <seconds> s} lines, each followed by
	 * {@code ok: <count>}; a tool counts only if every node succeeded.
	 */
	static Map<String, Double> parse(String output, int nodes) {
		Map<String, Double> times = new LinkedHashMap<>();
		@Nullable String tool = null;
		double seconds = 0;
		for (String line : output.split("\n")) {
			Matcher time = TIME.matcher(line.strip());
			Matcher ok = OK.matcher(line.strip());
			if (time.matches()) {
				tool = time.group(1);
				seconds = Double.parseDouble(time.group(3));
			}
			else if (ok.matches() && tool != null) {
				if (Integer.parseInt(ok.group(1)) == nodes) {
					times.put(tool, seconds);
				}
				tool = null;
			}
		}
		return times;
	}

}
