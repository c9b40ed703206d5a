package io.octoplane.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.octoplane.brain.agent.AgentServer;
import io.octoplane.certs.PemPair;
import io.octoplane.client.FileApi.StagedFile;
import io.octoplane.client.JobListener;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.e2e.support.InProcessBrainTest;
import io.octoplane.octl.config.OctlConfig;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.tentacle.Tentacle;
import io.octoplane.tentacle.config.BrainAddress;
import io.octoplane.tentacle.config.TentacleConfig;
import io.octoplane.testsupport.link.FaultyLink;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large file through a link that is cut in the middle of the transfer: the node keeps
 * the bytes it has under a temporary name (never the real one), redials and resumes, and
 * the installed file is byte for byte the original. Brain, tentacle and octl share this
 * JVM, so the old-generation peak during the transfer bounds all three: holding the file
 * in memory anywhere would need more than the whole file.
 */
class FileTransferLinkIT extends InProcessBrainTest {

	private static final int MIB = 1024 * 1024;

	private static final int SIZE_MIB = Integer.getInteger("octoplane.test.large-file-mib", 256);

	@TempDir
	static Path work;

	@LocalServerPort
	int port;

	@Autowired
	AgentServer agentServer;

	@Test
	void cancelStopsATransferInTheMiddle() throws Exception {
		Path file = largeFile();
		OctoplaneClient client = OctlConfig.load(octlConfig(), Map.of(), work, (warning) -> {
		}).client();
		try (Tentacle tentacle = startTentacle("fs-cancel", this.agentServer.port())) {
			assertThat(tentacle.awaitConnected(Duration.ofSeconds(20))).isTrue();
			StagedFile staged = client.files().stage(file, (done) -> {
			});
			JobResponse job = client.files()
				.install(staged, "@workspace/inbox", List.of("fs-cancel"), true, Duration.ofMinutes(10), Duration.ZERO);
			Path folder = work.resolve("fs-cancel/inbox");
			for (int i = 0; i < 24_000 && partialSize(folder) == 0; i++) {
				TimeUnit.MILLISECONDS.sleep(5);
			}
			assertThat(partialSize(folder)).as("the transfer started").isPositive();
			client.jobs().cancel(job.id());
			JobResponse done = client.jobs().await(job.id(), Duration.ofMinutes(2), JobListener.none());
			assertThat(done.results().get(0).state()).isEqualTo("cancelled");
			assertThat(partialSize(folder)).as("stopped before the end").isLessThan(SIZE_MIB * (long) MIB);
			assertThat(folder.resolve("big.bin")).doesNotExist();
		}
	}

	private static long partialSize(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			return 0;
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((path) -> path.getFileName().toString().endsWith(".octoplane-part"))
				.mapToLong((path) -> path.toFile().length())
				.sum();
		}
	}

	@Test
	void largeFileSurvivesACutLinkWithBoundedMemory() throws Exception {
		Path file = largeFile();
		Path octlConfig = octlConfig();
		try (FaultyLink link = FaultyLink.start(this.agentServer.port());
				Tentacle tentacle = startTentacle("fs-cut", link.port())) {
			assertThat(tentacle.awaitConnected(Duration.ofSeconds(20))).isTrue();
			long oldBefore = oldGenerationUsed(true);
			CompletableFuture<OctlRun> upload = CompletableFuture.supplyAsync(() -> InProcessOctl.run(octlConfig, work,
					"file", "upload", "-f", file.toString(), "@workspace/inbox", "fs-cut"));
			// Cut once a quarter of the file went through the link.
			long cutAt = link.bytesForwarded() + SIZE_MIB / 4L * MIB;
			for (int i = 0; i < 24_000 && link.bytesForwarded() < cutAt && !upload.isDone(); i++) {
				TimeUnit.MILLISECONDS.sleep(5);
			}
			assertThat(upload).as("the transfer was still running when the link was cut").isNotDone();
			link.cut();
			Path installed = work.resolve("fs-cut/inbox/big.bin");
			assertThat(installed).as("no half file under the real name").doesNotExist();
			try (Stream<Path> partial = Files.list(installed.getParent())) {
				assertThat(partial.map((path) -> path.getFileName().toString())).singleElement()
					.asString()
					.endsWith(".octoplane-part");
			}
			link.restore();
			OctlRun run = upload.get(5, TimeUnit.MINUTES);
			assertThat(run.exitCode()).as(run.err()).isZero();
			assertThat(Files.mismatch(file, installed)).isEqualTo(-1);
			// Resumed, not restarted: the link carried
			// the file about once, not 1.25 times.
			assertThat(link.bytesForwarded()).isLessThan(SIZE_MIB * 9L / 8 * MIB);
			long oldPeak = oldGenerationPeak();
			System.out.printf("large file: %d MiB, old generation before %d MiB, peak during %d MiB%n", SIZE_MIB,
					oldBefore / MIB, oldPeak / MIB);
			assertThat(oldPeak - oldBefore).as("old generation growth while moving the file")
				.isLessThan(SIZE_MIB / 2L * MIB);
		}
	}

	private static synchronized Path largeFile() throws IOException {
		Path path = work.resolve("big.bin");
		return Files.exists(path) ? path : largeFile(path, SIZE_MIB);
	}

	private static Path largeFile(Path path, int mebibytes) throws IOException {
		Random random = new Random(42);
		byte[] block = new byte[MIB];
		try (OutputStream out = Files.newOutputStream(path)) {
			for (int i = 0; i < mebibytes; i++) {
				random.nextBytes(block);
				out.write(block);
			}
		}
		return path;
	}

	private static List<MemoryPoolMXBean> oldGeneration() {
		// G1 keeps humongous objects, such as a whole file in one array, in the old
		// generation; so do the other collectors' tenured spaces.
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.filter((pool) -> pool.getName().contains("Old") || pool.getName().contains("Tenured"))
			.toList();
	}

	private static long oldGenerationUsed(boolean resetPeak) {
		System.gc();
		long used = 0;
		for (MemoryPoolMXBean pool : oldGeneration()) {
			if (resetPeak) {
				pool.resetPeakUsage();
			}
			used += pool.getUsage().getUsed();
		}
		return used;
	}

	private static long oldGenerationPeak() {
		return oldGeneration().stream().mapToLong((pool) -> pool.getPeakUsage().getUsed()).sum();
	}

	private Path octlConfig() throws IOException {
		Path config = work.resolve("octl.yaml");
		if (Files.exists(config)) {
			return config;
		}
		PemPair operator = certs.operator("files-link-operator");
		return Files.writeString(config, "brain: https://127.0.0.1:" + this.port + "\ncert: " + operator.certificate()
				+ "\nkey: " + operator.privateKey() + "\nca: " + certs.caCert() + "\ntimeout: 30s\n");
	}

	private Tentacle startTentacle(String name, int port) throws Exception {
		PemPair pair = certs.node(name);
		TentacleConfig config = TentacleConfig
			.of(new BrainAddress("localhost", port), pair.certificate(), pair.privateKey(), certs.caCert(),
					work.resolve(name))
			.withTimings(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5));
		Tentacle tentacle = new Tentacle(config, Clock.systemUTC());
		tentacle.start();
		return tentacle;
	}

}
