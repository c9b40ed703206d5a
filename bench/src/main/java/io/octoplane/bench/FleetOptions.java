package io.octoplane.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.octoplane.bench.harness.BenchFleet;
import io.octoplane.bench.harness.CpuPinning;
import io.octoplane.bench.harness.FleetSettings;
import io.octoplane.octl.config.DurationConverter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Options every benchmark that starts a fleet shares: where the brain jar is, how big its
 * heap may be, the heartbeat pace and how fast nodes dial.
 */
final class FleetOptions {

	/** Set by the build for its integration tests; see the module's pom. */
	static final String BRAIN_JAR_PROPERTY = "octoplane.bench.brain-jar";

	@Option(names = "--brain-jar", paramLabel = "JAR",
			description = "The brain's executable jar (default: bench/target/brain/octoplane-brain.jar, copied there by the build).")
	@Nullable Path brainJar;

	@Option(names = "--work-dir", paramLabel = "DIR",
			description = "Folder for data, certificates and the brain's log (default: a new temporary folder).")
	@Nullable Path workDir;

	@Option(names = "--keep-work-dir",
			description = "Keep the temporary work folder (with the brain's log) after the run.")
	boolean keepWorkDir;

	@Option(names = "--brain-heap", defaultValue = "1g", paramLabel = "SIZE",
			description = "The brain JVM's -Xmx (default: ${DEFAULT-VALUE}).")
	String brainHeap = "1g";

	@Option(names = "--heartbeat", defaultValue = "10s", converter = DurationConverter.class, paramLabel = "DURATION",
			description = "Heartbeat interval the brain sets (default: ${DEFAULT-VALUE}, the brain's own default).")
	Duration heartbeat = Duration.ofSeconds(10);

	@Option(names = "--dial-concurrency", defaultValue = "64", paramLabel = "N",
			description = "Most node handshakes in flight at once (default: ${DEFAULT-VALUE}).")
	int dialConcurrency = 64;

	@Option(names = "--sparse-acks", negatable = true, defaultValue = "true", fallbackValue = "true",
			description = "Whether simulated nodes announce sparse heartbeat acknowledgements, as tentacles do; "
					+ "--no-sparse-acks makes them releases before it (default: ${DEFAULT-VALUE}).")
	boolean sparseAcks = true;

	@Option(names = "--brain-arg", paramLabel = "--NAME=VALUE", description = "A further brain argument; repeatable.")
	List<String> brainArgs = new ArrayList<>();

	@Option(names = "--brain-jvm-option", paramLabel = "OPTION",
			description = "A further option of the brain's JVM, e.g. -XX:StartFlightRecording=filename=brain.jfr; repeatable.")
	List<String> brainJvmOptions = new ArrayList<>();

	@Option(names = "--pin", paramLabel = "SIM:BRAIN",
			description = "Pin this JVM (simulator and client) and the brain with Redis to separate CPUs with taskset, e.g. 0:1.")
	@Nullable String pin;

	BenchFleet start() {
		Path dir = this.workDir;
		try {
			if (dir == null) {
				dir = Files.createTempDirectory("octoplane-bench-");
				if (!this.keepWorkDir) {
					Path created = dir;
					// After the fleet's own shutdown: by
					// then nothing writes there any more.
					Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(created), "bench-cleanup"));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		System.err.println("bench: work folder " + dir.toAbsolutePath() + " (brain log: brain.log)");
		BenchFleet fleet = BenchFleet.start(new FleetSettings(dir, resolveBrainJar(), this.brainHeap, this.heartbeat,
				this.dialConcurrency, this.brainArgs, this.brainJvmOptions, this.sparseAcks));
		String cpus = this.pin;
		if (cpus != null) {
			int colon = cpus.indexOf(':');
			if (colon <= 0 || colon == cpus.length() - 1) {
				fleet.close();
				throw new IllegalArgumentException("--pin takes SIM:BRAIN CPU lists such as 0:1, not " + cpus);
			}
			CpuPinning.pin(fleet, cpus.substring(0, colon), cpus.substring(colon + 1));
			System.err.println("bench: simulator and client on CPU " + cpus.substring(0, colon)
					+ ", brain and Redis on CPU " + cpus.substring(colon + 1));
		}
		return fleet;
	}

	private static void deleteTree(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// Left behind in the temporary folder; nothing else depends on it.
		}
	}

	private Path resolveBrainJar() {
		if (this.brainJar != null) {
			return this.brainJar;
		}
		String property = System.getProperty(BRAIN_JAR_PROPERTY);
		if (property != null && !property.isBlank()) {
			return Path.of(property);
		}
		// From the repository root, as docs/benchmarks.md runs it, or from bench/.
		return Stream.of(Path.of("bench/target/brain/octoplane-brain.jar"), Path.of("target/brain/octoplane-brain.jar"))
			.filter(Files::isRegularFile)
			.findFirst()
			.orElse(Path.of("bench/target/brain/octoplane-brain.jar"));
	}

}
