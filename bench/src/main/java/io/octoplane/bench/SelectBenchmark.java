package io.octoplane.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.octoplane.bench.harness.BenchFleet;
import io.octoplane.bench.harness.ProcessReadings;
import io.octoplane.bench.sim.FleetSimulator;
import io.octoplane.bench.sim.SimulatedExecutor;
import io.octoplane.bench.sim.SimulatedTentacle;
import io.octoplane.certs.CertificateRole;
import io.octoplane.octl.config.DurationConverter;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.selector.Selector;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench select --nodes N}: how long the brain takes to expand selectors among N
 * nodes that reported facts and labels, from its {@code Server-Timing} header (server
 * time) and the round trip, and what the facts, labels and indexes cost in Redis per
 * node.
 */
@Command(name = "select", mixinStandardHelpOptions = true,
		description = "Connect N simulated nodes with facts and labels; time selector expansion and Redis memory.")
final class SelectBenchmark implements Callable<Integer> {

	/**
	 * Selectors of several shapes: one label, several operators, a comparison, fact
	 * fallback.
	 */
	static final List<String> SELECTORS = List.of("site=site-3", "rack=r42",
			"site=site-3,role!=camera,arch in (arm64,armv7)", "facts.memory_total>8GiB", "os=debian,!gpu",
			"role notin (camera),cpu_count>=4");

	@Spec
	CommandSpec spec;

	@Mixin
	FleetOptions fleet;

	@Option(names = "--nodes", required = true, paramLabel = "N", description = "How many nodes.")
	int nodes;

	@Option(names = "--connect-timeout", converter = DurationConverter.class, paramLabel = "DURATION",
			description = "How long the fleet may take to connect (default: as connect, 60 s + 30 ms per node).")
	@Nullable Duration connectTimeout;

	@Option(names = "--runs", defaultValue = "20", paramLabel = "N",
			description = "Selections per selector (default: ${DEFAULT-VALUE}).")
	int runs = 20;

	@Override
	public Integer call() throws Exception {
		PrintWriter out = this.spec.commandLine().getOut();
		Report report = new Report("select").put("nodes", this.nodes)
			.put("runs", this.runs)
			.put("load_before", ProcessReadings.loadAverage());
		try (BenchFleet fleet = this.fleet.start()) {
			FleetSimulator simulator = fleet.simulator();
			List<SimulatedTentacle> prepared = simulator.prepare("sim", this.nodes, SimulatedExecutor.NOOP);
			simulator.start(prepared);
			Duration connectLimit = (this.connectTimeout != null) ? this.connectTimeout
					: ConnectBenchmark.connectTimeout(this.nodes);
			long connectStart = System.nanoTime();
			if (!Progress.awaitConnected(simulator, this.nodes, connectLimit)) {
				report.put("connected", simulator.connected()).print(out);
				return Bench.INCOMPLETE;
			}
			report.putMillis("connect_ms", (System.nanoTime() - connectStart) / 1e6);
			HttpClient http = HttpClient.newBuilder()
				.sslContext(fleet.tls().clientContext(CertificateRole.OPERATOR, "bench-selector"))
				.connectTimeout(Duration.ofSeconds(10))
				.build();
			URI base = fleet.client().baseUri();
			if (!awaitIndexed(http, base)) {
				report.put("indexed", "not all nodes reported facts in time").print(out);
				return Bench.INCOMPLETE;
			}
			report.put("load_during", ProcessReadings.loadAverage());
			for (int i = 0; i < SELECTORS.size(); i++) {
				Samples server = new Samples();
				Samples roundTrip = new Samples();
				int matched = 0;
				for (int run = 0; run < this.runs; run++) {
					long start = System.nanoTime();
					HttpResponse<String> response = select(http, base, SELECTORS.get(i));
					roundTrip.add(System.nanoTime() - start);
					server.add(serverNanos(response));
					matched = count(response.body());
				}
				String name = "s" + (i + 1);
				report.put(name, SELECTORS.get(i))
					.put(name + "_matched", matched)
					.putMillis(name + "_server_ms_median", server.median())
					.putMillis(name + "_server_ms_max", server.max())
					.putMillis(name + "_roundtrip_ms_median", roundTrip.median());
			}
			redisMemory(fleet.redisPort(), report);
			report.put("load_after", ProcessReadings.loadAverage());
			report.print(out);
			return 0;
		}
	}

	private boolean awaitIndexed(HttpClient http, URI base) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		while (System.nanoTime() < deadline) {
			HttpResponse<String> response = select(http, base, "role");
			if (response.statusCode() == 200 && count(response.body()) == this.nodes) {
				return true;
			}
			Thread.sleep(500);
		}
		return false;
	}

	private static HttpResponse<String> select(HttpClient http, URI base, String selector)
			throws IOException, InterruptedException {
		String target = URLEncoder.encode(Selector.toTarget(selector), StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(base.resolve(ApiPaths.NODE_SELECTION + "?target=" + target))
			.timeout(Duration.ofMinutes(1))
			.GET()
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** The brain's own time from {@code Server-Timing: select;dur=12.34}, nanoseconds. */
	private static long serverNanos(HttpResponse<String> response) {
		String timing = response.headers().firstValue("Server-Timing").orElse("select;dur=0");
		String millis = timing.substring(timing.indexOf("dur=") + 4);
		return (long) (Double.parseDouble(millis) * 1e6);
	}

	private static int count(String body) {
		int nodes = body.indexOf("\"nodes\":[");
		if (nodes < 0 || body.startsWith("]", nodes + 9)) {
			return 0;
		}
		int end = body.indexOf(']', nodes);
		return body.substring(nodes, end).split(",").length;
	}

	/**
	 * What the facts, labels and indexes take in Redis: used memory before and after
	 * deleting every key of the selection hash tag, which ends the benchmark.
	 */
	private void redisMemory(int port, Report report) throws IOException, InterruptedException {
		long before = usedMemory(port);
		String deleted = redisCli(port, "EVAL", "local n = 0 for _, k in ipairs(redis.call('KEYS', ARGV[1])) do "
				+ "redis.call('DEL', k) n = n + 1 end return n", "0", "octoplane:{sel}:*");
		long after = usedMemory(port);
		report.put("redis_selection_keys", deleted.strip())
			.put("redis_used_memory_mb", Math.round(before / 1048576.0))
			.put("redis_selection_bytes_per_node", (before - after) / this.nodes);
	}

	private static long usedMemory(int port) throws IOException, InterruptedException {
		for (String line : redisCli(port, "INFO", "memory").split("\r?\n")) {
			if (line.startsWith("used_memory:")) {
				return Long.parseLong(line.substring("used_memory:".length()).strip());
			}
		}
		return -1;
	}

	private static String redisCli(int port, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(1, TimeUnit.MINUTES);
		return output;
	}

}
