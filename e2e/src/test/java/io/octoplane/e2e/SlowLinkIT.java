package io.octoplane.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.octoplane.client.FileApi.StagedFile;
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
import static org.awaitility.Awaitility.await;

/**
 * The system on a 600 ms, 64 kbit/s link ({@link FaultyLink} shaped): a command's round
 * trip, a 1 MiB text output, a 1 MiB file, a 50-node fan-out through one gateway, and a
 * link cut in the middle of the fan-out. It asserts outcomes only (nothing lost, nothing
 * run twice); the times and byte counts it prints are recorded in docs/benchmarks.md.
 */
class SlowLinkIT extends InProcessFleetTest {

	private static final LinkShape THIN = LinkShape.of(Duration.ofMillis(600), 64_000);

	/** A node on a thin link asks for a slow pace and sends status rarely. */
	private static final EdgeSettings THIN_NODE = new EdgeSettings(EdgeSettings.Compression.AUTO,
			Duration.ofSeconds(30), 10, null, null);

	private static final Duration SLOW_WAIT = Duration.ofMinutes(6);

	@Test
	void commandOutputAndFileCrossAThinLink() throws Exception {
		try (FaultyLink link = FaultyLink.start(agentPort())) {
			link.shape(THIN);
			Tentacle node = this.fleet.start("thin01", link.port(), THIN_NODE);
			assertThat(node.awaitConnected(SLOW_WAIT)).isTrue();
			List<Long> trips = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				long started = System.nanoTime();
				JobResponse done = run(List.of("thin01"), "echo hi", 0);
				trips.add((System.nanoTime() - started) / 1_000_000);
				assertThat(done.results().getFirst().output()).isEqualTo("hi\n");
			}
			report("cmd run round trip (5 runs, ms)", trips.toString());

			long before = link.bytesForwarded();
			long started = System.nanoTime();
			JobResponse big = run(List.of("thin01"), "cat " + textFile(this.work.resolve("out.txt")), 0);
			assertThat(big.results().getFirst().output()).hasSize(1 << 20);
			report("1 MiB text output", millis(started) + " ms, " + (link.bytesForwarded() - before) + " bytes");

			Path file = textFile(this.work.resolve("in.txt"));
			StagedFile staged = this.client.files().stage(file, (done) -> {
			});
			before = link.bytesForwarded();
			started = System.nanoTime();
			JobResponse installed = this.client.awaitJob(this.client.files()
				.install(staged, "@workspace/in", List.of("thin01"), true, SLOW_WAIT, Duration.ZERO)
				.id(), SLOW_WAIT, io.octoplane.client.JobListener.none());
			assertThat(installed.results().getFirst().state()).isEqualTo("succeeded");
			assertThat(Files.mismatch(file, this.fleet.workspace("thin01").resolve("in/in.txt"))).isEqualTo(-1);
			report("1 MiB file to a node", millis(started) + " ms, " + (link.bytesForwarded() - before) + " bytes");

			// compression: on also deflates the data connection of a fetch.
			Tentacle zipped = this.fleet.start("thin02", link.port(),
					new EdgeSettings(EdgeSettings.Compression.ON, Duration.ofSeconds(30), 10, null, null));
			assertThat(zipped.awaitConnected(SLOW_WAIT)).isTrue();
			before = link.bytesForwarded();
			started = System.nanoTime();
			JobResponse compressed = this.client.awaitJob(this.client.files()
				.install(staged, "@workspace/in", List.of("thin02"), true, SLOW_WAIT, Duration.ZERO)
				.id(), SLOW_WAIT, io.octoplane.client.JobListener.none());
			assertThat(compressed.results().getFirst().state()).isEqualTo("succeeded");
			assertThat(Files.mismatch(file, this.fleet.workspace("thin02").resolve("in/in.txt"))).isEqualTo(-1);
			report("1 MiB file to a node, compression on",
					millis(started) + " ms, " + (link.bytesForwarded() - before) + " bytes");
		}
	}

	@Test
	void fanOutToFiftyNodesBehindOneGatewaySurvivesALinkCut() throws Exception {
		try (FaultyLink uplink = FaultyLink.start(agentPort())) {
			uplink.shape(THIN);
			int listen = FreePorts.take();
			Tentacle gateway = this.fleet.start("thingw", uplink.port(),
					THIN_NODE.withGatewayListen(new BrainAddress("127.0.0.1", listen)));
			assertThat(gateway.awaitConnected(SLOW_WAIT)).isTrue();
			List<String> nodes = new ArrayList<>();
			long started = System.nanoTime();
			for (int i = 1; i <= 50; i++) {
				String name = String.format(Locale.ROOT, "fan%02d", i);
				nodes.add(name);
				this.fleet.start(name, agentPort(), THIN_NODE.withGateway(new BrainAddress("127.0.0.1", listen)));
			}
			for (String name : nodes) {
				assertThat(this.fleet.tentacle(name).awaitConnected(SLOW_WAIT)).as(name).isTrue();
			}
			report("50 nodes connected through the gateway", millis(started) + " ms");

			started = System.nanoTime();
			JobResponse done = run(nodes, "echo ran >> runs.txt; echo hi", 0);
			assertThat(done.success()).isEqualTo(50);
			report("fan-out of echo to 50 nodes", millis(started) + " ms");

			JobResponse cut = this.client.submit(new CommandRequest(nodes, CommandMode.SHELL,
					"while [ ! -e go ]; do sleep 0.1; done; echo again >> runs.txt; echo out", 300L, null, 300L, null,
					null, null, null));
			await().atMost(SLOW_WAIT)
				.until(() -> this.client.job(cut.id())
					.results()
					.stream()
					.allMatch((result) -> "running".equals(result.state())));
			uplink.cut();
			for (String name : nodes) {
				Files.writeString(this.fleet.workspace(name).resolve("go"), "");
			}
			uplink.restore();
			started = System.nanoTime();
			JobResponse after = this.client.awaitJob(cut.id(), SLOW_WAIT, io.octoplane.client.JobListener.none());
			assertThat(after.success()).isEqualTo(50);
			report("50 results after the uplink came back", millis(started) + " ms");
			for (String name : nodes) {
				assertThat(this.fleet.lines(name, "runs.txt")).as(name).containsExactly("ran", "again");
			}
		}
	}

	@Test
	void idleNodeBytesPerHeartbeat() throws Exception {
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

	private JobResponse run(List<String> nodes, String command, long waitOfflineSeconds) throws Exception {
		JobResponse accepted = this.client.submit(new CommandRequest(nodes, CommandMode.SHELL, command, 300L, null,
				waitOfflineSeconds, null, null, null, null));
		return this.client.awaitJob(accepted.id(), SLOW_WAIT, io.octoplane.client.JobListener.none());
	}

	private static Path textFile(Path file) throws Exception {
		StringBuilder text = new StringBuilder();
		String[] words = { "kernel", "eth0", "link", "up", "usb", "device", "connected", "systemd", "Started",
				"session", "dhcp", "lease", "renewed" };
		for (int line = 0; text.length() < (1 << 20); line++) {
			text.append(String.format(Locale.ROOT, "Dec  7 13:%02d:%02d edge-%03d %s[%d]: %s %s %d%n", line / 60 % 60,
					line % 60, line % 50, words[line % words.length], 1000 + line * 7 % 9000,
					words[line * 3 % words.length], words[line * 5 % words.length], line * 7919 % 100000));
		}
		Files.writeString(file, text.substring(0, 1 << 20), StandardCharsets.UTF_8);
		return file;
	}

	private static long millis(long startedNanos) {
		return (System.nanoTime() - startedNanos) / 1_000_000;
	}

	private static void report(String what, String figure) {
		System.out.println("slow-link: " + what + ": " + figure);
	}

}
