package io.octoplane.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.octoplane.client.FileApi.StagedFile;
import io.octoplane.client.JobListener;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.tentacle.Tentacle;
import io.octoplane.tentacle.config.EdgeSettings;
import io.octoplane.testsupport.link.FaultyLink;
import io.octoplane.testsupport.link.LinkShape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node set to {@code compression: on} gets files over a deflated data connection: the
 * file lands byte for byte, and a text file takes a fraction of its size on the wire.
 */
class CompressedFileIT extends InProcessFleetTest {

	@Test
	void textFileCrossesACompressedDataConnectionIntact() throws Exception {
		try (FaultyLink link = FaultyLink.start(agentPort())) {
			// Shaped only so the time printed is that of a thin link.
			link.shape(LinkShape.of(Duration.ofMillis(600), 64_000));
			Tentacle node = this.fleet.start("zipf01", link.port(),
					new EdgeSettings(EdgeSettings.Compression.ON, Duration.ofSeconds(30), 10, null, null));
			assertThat(node.awaitConnected(WAIT)).isTrue();
			Path file = this.work.resolve("log.txt");
			StringBuilder text = new StringBuilder();
			for (int line = 0; text.length() < (1 << 20); line++) {
				text.append(String.format(Locale.ROOT, "Dec  7 13:%02d:%02d edge-%03d systemd[%d]: unit %d started%n",
						line / 60 % 60, line % 60, line % 50, 1000 + line * 7 % 9000, line * 7919 % 100000));
			}
			Files.writeString(file, text.substring(0, 1 << 20), StandardCharsets.UTF_8);
			StagedFile staged = this.client.files().stage(file, (done) -> {
			});
			long before = link.bytesForwarded();
			long started = System.nanoTime();
			JobResponse done = this.client.awaitJob(this.client.files()
				.install(staged, "@workspace/in", List.of("zipf01"), true, Duration.ofMinutes(5), Duration.ZERO)
				.id(), Duration.ofMinutes(6), JobListener.none());
			assertThat(done.results().getFirst().state()).isEqualTo("succeeded");
			assertThat(Files.mismatch(file, this.fleet.workspace("zipf01").resolve("in/log.txt"))).isEqualTo(-1);
			long wire = link.bytesForwarded() - before;
			assertThat(wire).isLessThan(1 << 19);
			System.out.println("slow-link: 1 MiB file to a node, compression on: "
					+ (System.nanoTime() - started) / 1_000_000 + " ms, " + wire + " bytes");
		}
	}

}
