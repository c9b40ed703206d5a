package io.octoplane.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.octoplane.client.FileApi.StagedFile;
import io.octoplane.client.JobListener;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.tentacle.Tentacle;
import io.octoplane.tentacle.config.BrainAddress;
import io.octoplane.tentacle.config.EdgeSettings;
import io.octoplane.testsupport.link.FaultyLink;
import io.octoplane.testsupport.link.LinkShape;
import io.octoplane.testsupport.ports.FreePorts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The system on a thin link ({@link FaultyLink} shaped, 600 ms round trip): a command's
 * round trip, a text output, a file each way of compression, a fan-out through one
 * gateway, and a link cut in the middle of a file transfer, of a running command and of
 * the fan-out. It asserts outcomes only (nothing lost, nothing run or written twice).
 *
 * <p>
 * By default the link carries 1 Mbit/s and the payloads are small, so the suite stays
 * quick: none of these outcomes depends on the bandwidth. {@code
 * -Doctoplane.test.slow-link=full} runs the link of docs/benchmarks.md (64 kbit/s, 1 MiB
 * payloads, 50 nodes behind the gateway, idle bytes per heartbeat) and
 * {@code -Doctoplane.test.slow-link-loss=0.02} loses 2 % of the segments; the figures it
 * prints ({@code slow-link:} lines) are the ones recorded there.
 */
class SlowLinkIT extends InProcessFleetTest {

	private static final Profile PROFILE = Profile.fromSystemProperties();

	/** A node on a thin link asks for a slow pace and sends status rarely. */
	private static final EdgeSettings THIN_NODE = new EdgeSettings(EdgeSettings.Compression.AUTO,
			Duration.ofSeconds(30), 10, null, null);

	private static final Duration SLOW_WAIT = Duration.ofMinutes(6);

	@Test
	void commandRoundTripsCrossAThinLink() throws Exception {
		try (FaultyLink link = thinLink()) {
			startThin("thin01", link, THIN_NODE);
			List<Long> trips = new ArrayList<>();
			for (int i = 0; i < PROFILE.roundTrips(); i++) {
				long started = System.nanoTime();
				JobResponse done = run(List.of("thin01"), "echo hi");
				trips.add(millis(started));
				assertThat(done.results().getFirst().output()).isEqualTo("hi\n");
			}
			report("cmd run round trip (" + trips.size() + " runs, ms)", trips.toString());
		}
	}

	@Test
	void textOutputCrossesAThinLinkDeflated() throws Exception {
		try (FaultyLink link = thinLink()) {
			startThin("thin02", link, THIN_NODE);
			Path text = textFile(this.work.resolve("out.txt"), PROFILE.payloadBytes());
			long before = link.bytesForwarded();
			long started = System.nanoTime();
			JobResponse big = run(List.of("thin02"), "cat " + text);
			long wire = link.bytesForwarded() - before;
			assertThat(big.results().getFirst().output()).isEqualTo(Files.readString(text));
			// compression: auto deflates what the node sends.
			assertThat(wire).isLessThan(PROFILE.payloadBytes() / 2);
			report(kib(PROFILE.payloadBytes()) + " text output", millis(started) + " ms, " + wire + " bytes");
		}
	}

	@Test
	void fileCrossesAThinLinkRawOrDeflated() throws Exception {
		try (FaultyLink link = thinLink()) {
			startThin("thin03", link, THIN_NODE);
			startThin("thin04", link,
					new EdgeSettings(EdgeSettings.Compression.ON, Duration.ofSeconds(30), 10, null, null));
			Path file = textFile(this.work.resolve("in.txt"), PROFILE.payloadBytes());
			StagedFile staged = this.client.files().stage(file, (done) -> {
			});
			for (String node : List.of("thin03", "thin04")) {
				long before = link.bytesForwarded();
				long started = System.nanoTime();
				JobResponse installed = install(staged, node);
				assertThat(installed.results().getFirst().state()).isEqualTo("succeeded");
				assertThat(Files.mismatch(file, this.fleet.workspace(node).resolve("in/in.txt"))).isEqualTo(-1);
				report(kib(PROFILE.payloadBytes()) + " file to a node, compression "
						+ (node.equals("thin03") ? "auto" : "on"),
						millis(started) + " ms, " + (link.bytesForwarded() - before) + " bytes");
			}
		}
	}

	@Test
	void fileTransferCutInTheMiddleResumesAndLandsOnce() throws Exception {
		try (FaultyLink link = thinLink()) {
			startThin("thin05", link, THIN_NODE);
			Path file = randomFile(this.work.resolve("cut.bin"), PROFILE.cutFileBytes());
			StagedFile staged = this.client.files().stage(file, (done) -> {
			});
			long before = link.bytesForwarded();
			JobResponse job = this.client.files()
				.install(staged, "@workspace/in", List.of("thin05"), true, SLOW_WAIT, Duration.ZERO);
			Path folder = this.fleet.workspace("thin05").resolve("in");
			await().atMost(SLOW_WAIT)
				.pollInterval(Duration.ofMillis(20))
				.until(() -> partialBytes(folder) >= PROFILE.cutFileBytes() / 8);
			link.cut();
			assertThat(this.client.jobs().get(job.id()).results().getFirst().state()).isNotEqualTo("succeeded");
			assertThat(folder.resolve("cut.bin")).as("no half file under the real name").doesNotExist();
			link.restore();
			JobResponse done = this.client.jobs().await(job.id(), SLOW_WAIT, JobListener.none());
			assertThat(done.results()).singleElement()
				.satisfies((result) -> assertThat(result.state()).isEqualTo("succeeded"));
			assertThat(Files.mismatch(file, folder.resolve("cut.bin"))).isEqualTo(-1);
			try (Stream<Path> left = Files.list(folder)) {
				assertThat(left.map((path) -> path.getFileName().toString())).containsExactly("cut.bin");
			}
			long wire = link.bytesForwarded() - before;
			// Resumed, not restarted: the file crossed about once.
			assertThat(wire).isLessThan(PROFILE.cutFileBytes() * 5L / 4);
			report(kib(PROFILE.cutFileBytes()) + " file, link cut after an eighth", wire + " bytes");
		}
	}

	@Test
	void commandCutInTheMiddleRunsOnceAndKeepsEveryLine() throws Exception {
		try (FaultyLink link = thinLink()) {
			startThin("thin06", link, THIN_NODE);
			JobResponse job = this.client.jobs()
				.submit(new CommandRequest(List.of("thin06"), CommandMode.SHELL,
						"echo ran >> runs.txt; for i in 1 2 3; do echo before$i; done; "
								+ "while [ ! -e go ]; do sleep 0.1; done; for i in 1 2 3; do echo after$i; done",
						300L, null, 300L, null, null, null, null));
			await().atMost(SLOW_WAIT)
				.until(() -> "running".equals(this.client.jobs().get(job.id()).results().getFirst().state()));
			link.cut();
			Files.writeString(this.fleet.workspace("thin06").resolve("go"), "");
			link.restore();
			JobResponse done = this.client.jobs().await(job.id(), SLOW_WAIT, JobListener.none());
			assertThat(done.results()).singleElement().satisfies((result) -> {
				assertThat(result.state()).isEqualTo("succeeded");
				assertThat(result.output()).isEqualTo("before1\nbefore2\nbefore3\nafter1\nafter2\nafter3\n");
			});
			assertThat(this.fleet.lines("thin06", "runs.txt")).containsExactly("ran");
		}
	}

	@Test
	void fanOutBehindOneGatewaySurvivesALinkCut() throws Exception {
		try (FaultyLink uplink = thinLink()) {
			int listen = FreePorts.take();
			startThin("thingw", uplink, THIN_NODE.withGatewayListen(new BrainAddress("127.0.0.1", listen)));
			List<String> nodes = IntStream.rangeClosed(1, PROFILE.fanOut())
				.mapToObj((i) -> String.format(Locale.ROOT, "fan%02d", i))
				.toList();
			long started = System.nanoTime();
			for (String name : nodes) {
				this.fleet.start(name, agentPort(), THIN_NODE.withGateway(new BrainAddress("127.0.0.1", listen)));
			}
			for (String name : nodes) {
				assertThat(this.fleet.tentacle(name).awaitConnected(SLOW_WAIT)).as(name).isTrue();
			}
			report(nodes.size() + " nodes connected through the gateway", millis(started) + " ms");

			started = System.nanoTime();
			JobResponse done = run(nodes, "echo ran >> runs.txt; echo hi");
			assertThat(done.success()).isEqualTo(nodes.size());
			report("fan-out of echo to " + nodes.size() + " nodes", millis(started) + " ms");

			JobResponse cut = this.client.jobs()
				.submit(new CommandRequest(nodes, CommandMode.SHELL,
						"while [ ! -e go ]; do sleep 0.1; done; echo again >> runs.txt; echo out", 300L, null, 300L,
						null, null, null, null));
			await().atMost(SLOW_WAIT)
				.until(() -> this.client.jobs()
					.get(cut.id())
					.results()
					.stream()
					.allMatch((result) -> "running".equals(result.state())));
			uplink.cut();
			for (String name : nodes) {
				Files.writeString(this.fleet.workspace(name).resolve("go"), "");
			}
			uplink.restore();
			started = System.nanoTime();
			JobResponse after = this.client.jobs().await(cut.id(), SLOW_WAIT, JobListener.none());
			assertThat(after.success()).isEqualTo(nodes.size());
			report(nodes.size() + " results after the uplink came back", millis(started) + " ms");
			for (String name : nodes) {
				assertThat(this.fleet.lines(name, "runs.txt")).as(name).containsExactly("ran", "again");
			}
		}
	}

	/**
	 * A measurement for docs/benchmarks.md: it asserts nothing, so only the full run
	 * makes it.
	 */
	@Test
	void idleNodeBytesPerHeartbeat() throws Exception {
		assumeThat(PROFILE.full()).as("-Doctoplane.test.slow-link=full").isTrue();
		for (EdgeSettings edge : List.of(new EdgeSettings(EdgeSettings.Compression.OFF, null, 1, null, null),
				new EdgeSettings(EdgeSettings.Compression.AUTO, null, 1, null, null),
				new EdgeSettings(EdgeSettings.Compression.ON, null, 10, null, null))) {
			try (FaultyLink link = FaultyLink.start(agentPort())) {
				String name = "idle-" + edge.compression().name().toLowerCase(Locale.ROOT) + edge.statusEvery();
				Tentacle node = this.fleet.start(name, link.port(), edge);
				assertThat(node.awaitConnected(WAIT)).isTrue();
				// The brain's test pace is one heartbeat a second: count 20 of them.
				long start = link.bytesForwarded();
				long started = System.nanoTime();
				await().pollDelay(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(25)).until(() -> true);
				double seconds = (System.nanoTime() - started) / 1e9;
				report("idle " + edge.compression() + ", status every " + edge.statusEvery(), String.format(Locale.ROOT,
						"%.0f bytes per heartbeat exchange", (link.bytesForwarded() - start) / seconds));
				this.fleet.stop(name);
			}
		}
	}

	private FaultyLink thinLink() {
		FaultyLink link = FaultyLink.start(agentPort());
		link.shape(PROFILE.shape());
		return link;
	}

	private void startThin(String name, FaultyLink link, EdgeSettings edge) throws InterruptedException {
		Tentacle node = this.fleet.start(name, link.port(), edge);
		assertThat(node.awaitConnected(SLOW_WAIT)).as(name).isTrue();
	}

	private JobResponse run(List<String> nodes, String command) throws Exception {
		JobResponse accepted = this.client.jobs()
			.submit(new CommandRequest(nodes, CommandMode.SHELL, command, 300L, null, 0L, null, null, null, null));
		return this.client.jobs().await(accepted.id(), SLOW_WAIT, JobListener.none());
	}

	private JobResponse install(StagedFile staged, String node) throws Exception {
		return this.client.jobs()
			.await(this.client.files()
				.install(staged, "@workspace/in", List.of(node), true, SLOW_WAIT, Duration.ZERO)
				.id(), SLOW_WAIT, JobListener.none());
	}

	private static long partialBytes(Path folder) throws Exception {
		if (!Files.isDirectory(folder)) {
			return 0;
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((path) -> path.getFileName().toString().endsWith(".octoplane-part"))
				.mapToLong((path) -> path.toFile().length())
				.sum();
		}
	}

	/** Log-like text, which deflate shrinks to about a quarter. */
	static Path textFile(Path file, int bytes) throws Exception {
		StringBuilder text = new StringBuilder();
		String[] words = { "kernel", "eth0", "link", "up", "usb", "device", "connected", "systemd", "Started",
				"session", "dhcp", "lease", "renewed" };
		for (int line = 0; text.length() < bytes; line++) {
			text.append(String.format(Locale.ROOT, "Dec  7 13:%02d:%02d edge-%03d %s[%d]: %s %s %d%n", line / 60 % 60,
					line % 60, line % 50, words[line % words.length], 1000 + line * 7 % 9000,
					words[line * 3 % words.length], words[line * 5 % words.length], line * 7919 % 100000));
		}
		Files.writeString(file, text.substring(0, bytes), StandardCharsets.UTF_8);
		return file;
	}

	private static Path randomFile(Path file, int bytes) throws Exception {
		byte[] content = new byte[bytes];
		new Random(7).nextBytes(content);
		return Files.write(file, content);
	}

	private static String kib(int bytes) {
		return (bytes >= (1 << 20)) ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
	}

	private static long millis(long startedNanos) {
		return (System.nanoTime() - startedNanos) / 1_000_000;
	}

	private static void report(String what, String figure) {
		System.out.println("slow-link: " + what + ": " + figure);
	}

	/**
	 * The link and the loads of one run.
	 *
	 * @param shape the link
	 * @param payloadBytes size of the text output and of the files
	 * @param cutFileBytes size of the file whose transfer is cut
	 * @param fanOut nodes behind the gateway
	 * @param roundTrips how many round trips to time
	 * @param full whether this is the run of docs/benchmarks.md
	 */
	private record Profile(LinkShape shape, int payloadBytes, int cutFileBytes, int fanOut, int roundTrips,
			boolean full) {

		static Profile fromSystemProperties() {
			double loss = Double.parseDouble(System.getProperty("octoplane.test.slow-link-loss", "0"));
			if ("full".equals(System.getProperty("octoplane.test.slow-link"))) {
				return new Profile(LinkShape.of(Duration.ofMillis(600), 64_000).withLoss(loss), 1 << 20, 1 << 20, 50, 5,
						true);
			}
			return new Profile(LinkShape.of(Duration.ofMillis(600), 1_000_000).withLoss(loss), 128 << 10, 256 << 10, 12,
					3, false);
		}

	}

}
