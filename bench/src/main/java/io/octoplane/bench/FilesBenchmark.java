package io.octoplane.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

import io.octoplane.bench.harness.BenchFleet;
import io.octoplane.certs.CertificateRole;
import io.octoplane.client.FileApi.StagedFile;
import io.octoplane.client.JobListener;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.tentacle.Tentacle;
import io.octoplane.tentacle.config.BrainAddress;
import io.octoplane.tentacle.config.TentacleConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench files}: throughput of file distribution. A random file is staged on the
 * brain once (timed: octl to brain), then installed on 1, then on N real in-process
 * tentacles, each fetching over its own mutual-TLS data connection, verifying SHA-256 and
 * renaming into place (timed: job submitted to every node done). Needs free disk for the
 * file, the brain's copy and one copy per node.
 */
@Command(name = "files", mixinStandardHelpOptions = true,
		description = "Upload a file to the brain once, install it on 1 and on N real tentacles; report MiB/s.")
final class FilesBenchmark implements Callable<Integer> {

	private static final long MIB = 1024 * 1024;

	@Spec
	CommandSpec spec;

	@Mixin
	FleetOptions fleet;

	@Option(names = "--size-mib", defaultValue = "1024", paramLabel = "MIB",
			description = "File size in MiB (default: ${DEFAULT-VALUE}).")
	int sizeMib = 1024;

	@Option(names = "--nodes", defaultValue = "1,10", split = ",", paramLabel = "N[,N...]",
			description = "Node counts to install on, one round each (default: ${DEFAULT-VALUE}).")
	List<Integer> nodeCounts = new ArrayList<>(List.of(1, 10));

	@Override
	public Integer call() throws Exception {
		PrintWriter out = this.spec.commandLine().getOut();
		Report report = new Report("files").put("size_mib", this.sizeMib);
		int most = this.nodeCounts.stream().mapToInt(Integer::intValue).max().orElse(1);
		List<Tentacle> tentacles = new ArrayList<>();
		try (BenchFleet fleet = this.fleet.start()) {
			Path work = fleet.caFile().getParent().getParent();
			Path file = randomFile(work.resolve("payload.bin"), this.sizeMib);
			List<String> names = new ArrayList<>();
			for (int i = 1; i <= most; i++) {
				String name = "file-node-" + i;
				tentacles.add(startTentacle(fleet, work, name));
				names.add(name);
			}
			for (Tentacle tentacle : tentacles) {
				if (!tentacle.awaitConnected(Duration.ofMinutes(1))) {
					throw new IllegalStateException("a tentacle did not connect within a minute");
				}
			}
			long start = System.nanoTime();
			StagedFile staged = fleet.client().files().stage(file, (done) -> {
			});
			double stageSeconds = (System.nanoTime() - start) / 1e9;
			report.putMillis("stage_ms", stageSeconds * 1000)
				.put("stage_mib_per_s", Math.round(this.sizeMib / stageSeconds));
			boolean allSucceeded = true;
			for (int count : this.nodeCounts) {
				List<String> targets = names.subList(0, count);
				long begin = System.nanoTime();
				JobResponse job = fleet.client()
					.files()
					.install(staged, "@fstore", targets, true, Duration.ofHours(2), Duration.ZERO);
				JobResponse done = fleet.client().jobs().await(job.id(), Duration.ofHours(2), JobListener.none());
				double seconds = (System.nanoTime() - begin) / 1e9;
				allSucceeded &= done.success() == count;
				report.putMillis("install_" + count + "_nodes_ms", seconds * 1000)
					.put("install_" + count + "_nodes_total_mib_per_s", Math.round(this.sizeMib * count / seconds))
					.put("install_" + count + "_nodes_succeeded", done.success());
				for (String target : targets) {
					// Free the disk for the next round.
					Files.deleteIfExists(work.resolve("nodes").resolve(target).resolve("fstore/payload.bin"));
				}
			}
			report.put("all_succeeded", allSucceeded);
			report.print(out);
			return allSucceeded ? 0 : Bench.INCOMPLETE;
		}
		finally {
			tentacles.forEach(Tentacle::close);
		}
	}

	private static Tentacle startTentacle(BenchFleet fleet, Path work, String name) throws IOException {
		Path home = Files.createDirectories(work.resolve("nodes").resolve(name));
		fleet.tls()
			.issue(CertificateRole.NODE, name)
			.writeTo(home.resolve("node.pem"), home.resolve("node-key.pem"), true);
		TentacleConfig config = TentacleConfig.of(new BrainAddress("127.0.0.1", fleet.agentPort()),
				home.resolve("node.pem"), home.resolve("node-key.pem"), fleet.caFile(), home);
		Tentacle tentacle = new Tentacle(config, Clock.systemUTC());
		tentacle.start();
		return tentacle;
	}

	private static Path randomFile(Path path, int mebibytes) throws IOException {
		Random random = new Random(7);
		byte[] block = new byte[(int) MIB];
		try (OutputStream out = Files.newOutputStream(path)) {
			for (int i = 0; i < mebibytes; i++) {
				random.nextBytes(block);
				out.write(block);
			}
		}
		return path;
	}

}
