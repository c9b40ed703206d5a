package io.octoplane.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.octoplane.bench.harness.BenchFleet;
import io.octoplane.bench.harness.InstalledTentacle;
import io.octoplane.bench.harness.ProcessReadings;
import io.octoplane.certs.CertificateRole;
import io.octoplane.octl.config.DurationConverter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench footprint}: what a real tentacle costs a node, started the way
 * {@code deploy/install-tentacle.sh} installs it. The install script runs with
 * {@code --root} into the work folder and the systemd unit's {@code ExecStart} with its
 * environment runs as is (paths moved under that root), so the supervisor, the JVM flags
 * and every process the node runs are the installed ones. It measures the time from
 * process start to online at the brain over several starts, then lets the last one idle
 * with heartbeats and reads the resident (RSS) and proportional (PSS) memory of every
 * process of the node.
 */
@Command(name = "footprint", mixinStandardHelpOptions = true,
		description = "A real tentacle as installed: start-to-online time, then RSS/PSS of its processes at idle.")
final class FootprintBenchmark implements Callable<Integer> {

	private static final String NODE = "fp1";

	private static final Duration ONLINE_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration AOT_TIMEOUT = Duration.ofMinutes(3);

	@Spec
	CommandSpec spec;

	@Mixin
	FleetOptions fleet;

	@Option(names = "--jar", paramLabel = "JAR",
			description = "The tentacle's exec jar (default: tentacle/target/octoplane-tentacle-*-exec.jar).")
	@Nullable Path jar;

	@Option(names = "--install-script", paramLabel = "FILE", defaultValue = "deploy/install-tentacle.sh",
			description = "The install script (default: ${DEFAULT-VALUE}); another tree's to compare.")
	Path installScript = Path.of("deploy/install-tentacle.sh");

	@Option(names = "--java-options", paramLabel = "OPTIONS",
			description = "JVM options instead of the unit's JAVA_OPTS, to measure another setting.")
	@Nullable String javaOptions;

	@Option(names = "--starts", defaultValue = "5", paramLabel = "N",
			description = "Starts timed from process start to online (default: ${DEFAULT-VALUE}); "
					+ "an AOT training start comes on top.")
	int starts = 5;

	@Option(names = "--aot", defaultValue = "auto", paramLabel = "auto|off",
			description = "The supervisor's AOT cache: auto as installed (JDK 25+), or off (--aot off on its "
					+ "command line; only for a supervisor that knows the option). Default: ${DEFAULT-VALUE}.")
	String aot = "auto";

	@Option(names = "--idle", defaultValue = "60s", converter = DurationConverter.class, paramLabel = "DURATION",
			description = "How long the last start idles before memory is read (default: ${DEFAULT-VALUE}).")
	Duration idle = Duration.ofSeconds(60);

	@Option(names = "--variant", paramLabel = "NAME=JAR[,INSTALL-SCRIPT[,aot|aot-off[,JVM-OPTIONS]]]",
			description = "Measure several builds one after the other against the same brain, for a side-by-side "
					+ "comparison (repeatable); without it, one variant from --jar, --install-script and --aot.")
	List<String> variants = new ArrayList<>();

	@Override
	public Integer call() throws Exception {
		PrintWriter out = this.spec.commandLine().getOut();
		Report report = new Report("footprint").put("load_before", ProcessReadings.loadAverage());
		List<Variant> measured = variants();
		try (BenchFleet fleet = this.fleet.start()) {
			for (Variant variant : measured) {
				measure(variant, fleet, report);
				// Each variant's figures as soon as they are known: a later one may fail.
				report.print(out);
				out.flush();
			}
			report.put("idle_seconds", this.idle.toSeconds())
				.put("heartbeat_seconds", this.fleet.heartbeat.toSeconds())
				.put("load_after", ProcessReadings.loadAverage());
			report.print(out);
			return 0;
		}
	}

	private void measure(Variant variant, BenchFleet fleet, Report report) throws Exception {
		String prefix = variant.name().isEmpty() ? "" : variant.name() + ".";
		report.put(prefix + "load_before", ProcessReadings.loadAverage());
		Path root = Files.createTempDirectory(fleet.caFile().getParent().getParent(), "node-");
		InstalledTentacle node = InstalledTentacle.install(variant.installScript(), variant.jar(), root, NODE,
				"127.0.0.1:" + fleet.agentPort(), fleet.caFile(), variant.javaOptions());
		// Written where the installed configuration looks, so that no enrollment
		// (which needs the brain's CA key) stands between start and online.
		fleet.tls()
			.issue(CertificateRole.NODE, NODE)
			.writeTo(node.path("/var/lib/octoplane/tentacle/certs/node.pem"),
					node.path("/var/lib/octoplane/tentacle/certs/node-key.pem"), true);
		if (!variant.aot()) {
			node.addSupervisorOption("--aot", "off");
		}
		Samples startToOnline = new Samples();
		int timed = 0;
		while (timed < this.starts) {
			awaitState(fleet, false);
			long begin = System.nanoTime();
			try (InstalledTentacle.Running running = node.start(root.resolve("node.log"))) {
				awaitState(fleet, true);
				long online = System.nanoTime() - begin;
				if (awaitAotCache(node, fleet, report, prefix, begin, online)) {
					continue;
				}
				startToOnline.add(online);
				timed++;
				if (timed == this.starts) {
					Thread.sleep(this.idle);
					readMemory(running, report, prefix);
				}
			}
		}
		report.put(prefix + "starts", this.starts)
			.putMillis(prefix + "start_to_online_median_ms", startToOnline.median())
			.putMillis(prefix + "start_to_online_min_ms", startToOnline.min())
			.putMillis(prefix + "start_to_online_max_ms", startToOnline.max())
			.put(prefix + "java_options", node.javaOptions())
			.put(prefix + "aot", variant.aot() ? "auto" : "off");
	}

	private List<Variant> variants() throws IOException {
		if (this.variants.isEmpty()) {
			return List.of(new Variant("", tentacleJar(), this.installScript.toAbsolutePath(), !"off".equals(this.aot),
					this.javaOptions));
		}
		List<Variant> parsed = new ArrayList<>();
		for (String text : this.variants) {
			int equals = text.indexOf('=');
			if (equals <= 0) {
				throw new IllegalArgumentException("--variant " + text + ": expected NAME=JAR[,SCRIPT[,aot-off]]");
			}
			String[] parts = text.substring(equals + 1).split(",", 4);
			Path script = (parts.length > 1 && !parts[1].isEmpty()) ? Path.of(parts[1]) : this.installScript;
			boolean aot = parts.length < 3 || !parts[2].equals("aot-off");
			String options = (parts.length > 3) ? parts[3] : this.javaOptions;
			parsed.add(new Variant(text.substring(0, equals), Path.of(parts[0]).toAbsolutePath(),
					script.toAbsolutePath(), aot, options));
		}
		return parsed;
	}

	private record Variant(String name, Path jar, Path installScript, boolean aot, @Nullable String javaOptions) {
	}

	private static void readMemory(InstalledTentacle.Running running, Report report, String prefix) {
		long rss = 0;
		long pss = 0;
		List<String> processes = new ArrayList<>();
		for (ProcessHandle process : running.processes()) {
			Map<String, Long> memory = ProcessReadings.smapsRollup(process.pid());
			long processRss = memory.getOrDefault("Rss", 0L);
			long processPss = memory.getOrDefault("Pss", 0L);
			rss += processRss;
			pss += processPss;
			processes
				.add(process.info().command().map((command) -> Path.of(command).getFileName().toString()).orElse("?")
						+ " rss=" + kib(processRss) + " pss=" + kib(processPss) + " threads="
						+ ProcessReadings.threads(process.pid()));
		}
		report.put(prefix + "processes", String.join("; ", processes))
			.put(prefix + "node_rss_mib", Math.round(rss / 1024.0 / 1024.0 * 10) / 10.0)
			.put(prefix + "node_pss_mib", Math.round(pss / 1024.0 / 1024.0 * 10) / 10.0);
	}

	// A first start that trains the supervisor's AOT cache is not timed with the others:
	// its training run records, exits once online, and the cache is built before the
	// version starts again. Waits for that and reports it; false when no training ran.
	private static boolean awaitAotCache(InstalledTentacle node, BenchFleet fleet, Report report, String prefix,
			long begin, long online) throws IOException, InterruptedException {
		Path aot = node.path("/var/lib/octoplane/tentacle/upgrade/aot");
		if (!Files.isDirectory(aot) || aotFiles(aot, ".aot") || aotFiles(aot, ".failed")) {
			return false;
		}
		long deadline = System.nanoTime() + AOT_TIMEOUT.toNanos();
		while (!aotFiles(aot, ".aot") && !aotFiles(aot, ".failed")) {
			if (System.nanoTime() > deadline) {
				Path history = node.path("/var/lib/octoplane/tentacle/upgrade/history");
				throw new IllegalStateException("no AOT cache within " + AOT_TIMEOUT + "; supervisor history:\n"
						+ (Files.exists(history) ? Files.readString(history) : "(none)"));
			}
			TimeUnit.MILLISECONDS.sleep(50);
		}
		awaitState(fleet, true);
		report.putMillis(prefix + "aot_training_start_to_online_ms", online / 1e6)
			.putMillis(prefix + "aot_cache_built_and_online_ms", (System.nanoTime() - begin) / 1e6)
			.put(prefix + "aot_cache", aotFiles(aot, ".aot") ? "built" : "failed");
		return true;
	}

	private static boolean aotFiles(Path folder, String suffix) throws IOException {
		try (var files = Files.list(folder)) {
			return files.anyMatch((file) -> file.getFileName().toString().endsWith(suffix));
		}
	}

	private static String kib(long bytes) {
		return (bytes / 1024) + "KiB";
	}

	private static void awaitState(BenchFleet fleet, boolean online) throws InterruptedException {
		long deadline = System.nanoTime() + ONLINE_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			boolean isOnline = online(fleet);
			if (isOnline == online) {
				return;
			}
			TimeUnit.MILLISECONDS.sleep(10);
		}
		throw new IllegalStateException(NODE + " not " + (online ? "online" : "offline") + " within " + ONLINE_TIMEOUT);
	}

	private static boolean online(BenchFleet fleet) {
		try {
			return fleet.client().nodes().list(List.of(NODE), null).online() > 0;
		}
		catch (RuntimeException ex) {
			// Not known to the brain before its first start.
			return false;
		}
	}

	private Path tentacleJar() throws IOException {
		if (this.jar != null) {
			return this.jar.toAbsolutePath();
		}
		for (Path dir : List.of(Path.of("tentacle/target"), Path.of("../tentacle/target"))) {
			if (Files.isDirectory(dir)) {
				try (var files = Files.list(dir)) {
					var found = files.filter((file) -> file.getFileName().toString().endsWith("-exec.jar")).findFirst();
					if (found.isPresent()) {
						return found.get().toAbsolutePath();
					}
				}
			}
		}
		throw new IllegalStateException("no tentacle exec jar; build it (mvn package -pl tentacle -am) or pass --jar");
	}

}
