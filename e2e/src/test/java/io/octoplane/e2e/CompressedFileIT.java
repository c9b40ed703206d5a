package io.octoplane.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import io.octoplane.client.FileApi.StagedFile;
import io.octoplane.client.JobListener;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.file.SentFile;
import io.octoplane.tentacle.config.EdgeSettings;
import io.octoplane.testsupport.link.FaultyLink;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data connections carry files deflated where the node's compression setting asks for it:
 * to a node set to {@code on}, and from a node set to {@code on}, or to {@code auto} when
 * the file shrinks. Every file lands byte for byte, and the bytes on the wire, counted by
 * a {@link FaultyLink} between node and brain, show what was compressed. The link is not
 * shaped: the byte counts do not depend on its speed (times on a thin link are
 * SlowLinkIT's).
 */
class CompressedFileIT extends InProcessFleetTest {

	private static final int MIB = 1 << 20;

	private static final EdgeSettings ON = new EdgeSettings(EdgeSettings.Compression.ON, Duration.ofSeconds(30), 10,
			null, null);

	private static final EdgeSettings AUTO = new EdgeSettings(EdgeSettings.Compression.AUTO, Duration.ofSeconds(30), 10,
			null, null);

	@Test
	void textFileCrossesACompressedDataConnectionIntact() throws Exception {
		try (FaultyLink link = FaultyLink.start(agentPort())) {
			assertThat(this.fleet.start("zipf01", link.port(), ON).awaitConnected(WAIT)).isTrue();
			Path file = SlowLinkIT.textFile(this.work.resolve("log.txt"), MIB);
			StagedFile staged = this.client.files().stage(file, (done) -> {
			});
			long before = link.bytesForwarded();
			JobResponse done = this.client.jobs()
				.await(this.client.files()
					.install(staged, "@workspace/in", List.of("zipf01"), true, Duration.ofMinutes(2), Duration.ZERO)
					.id(), WAIT, JobListener.none());
			assertThat(done.results().getFirst().state()).isEqualTo("succeeded");
			assertThat(Files.mismatch(file, this.fleet.workspace("zipf01").resolve("in/log.txt"))).isEqualTo(-1);
			long wire = link.bytesForwarded() - before;
			assertThat(wire).isLessThan(MIB / 2);
			report("1 MiB text file to a node, compression on", wire);
		}
	}

	@Test
	void textFileFromANodeSetToOnOrAutoGoesDeflated() throws Exception {
		for (String node : List.of("zipup01", "zipup02")) {
			try (FaultyLink link = FaultyLink.start(agentPort())) {
				assertThat(this.fleet.start(node, link.port(), node.equals("zipup01") ? ON : AUTO).awaitConnected(WAIT))
					.isTrue();
				Path file = SlowLinkIT.textFile(Files.createDirectories(this.fleet.workspace(node)).resolve("log.txt"),
						MIB);
				long wire = fetch(node, link, file);
				assertThat(wire).isLessThan(MIB / 2);
				report("1 MiB text file from a node, compression " + (node.equals("zipup01") ? "on" : "auto"), wire);
			}
		}
	}

	@Test
	void noiseFromANodeSetToAutoGoesAsItIs() throws Exception {
		try (FaultyLink link = FaultyLink.start(agentPort())) {
			assertThat(this.fleet.start("zipup03", link.port(), AUTO).awaitConnected(WAIT)).isTrue();
			byte[] noise = new byte[MIB / 4];
			new Random(11).nextBytes(noise);
			Path file = Files.write(Files.createDirectories(this.fleet.workspace("zipup03")).resolve("noise.bin"),
					noise);
			long wire = fetch("zipup03", link, file);
			assertThat(wire).isGreaterThan(noise.length);
			report("256 KiB of random bytes from a node, compression auto", wire);
		}
	}

	/**
	 * Has the node send a file, downloads it from the brain and compares; the wire bytes.
	 */
	private long fetch(String node, FaultyLink link, Path file) throws Exception {
		long before = link.bytesForwarded();
		JobResponse done = this.client.jobs()
			.await(this.client.files().fetch(node, "@workspace/" + file.getFileName(), Duration.ofMinutes(2)).id(),
					WAIT, JobListener.none());
		long wire = link.bytesForwarded() - before;
		SentFile sent = this.client.files().sent(done);
		assertThat(sent.sizeBytes()).isEqualTo(Files.size(file));
		Path into = Files.createDirectories(this.work.resolve("from-" + node));
		Path copy = this.client.files().download(sent, into, (bytes) -> {
		});
		assertThat(Files.mismatch(file, copy)).isEqualTo(-1);
		return wire;
	}

	private static void report(String what, long wire) {
		System.out.println("compressed: " + what + ": " + wire + " bytes on the wire");
	}

}
