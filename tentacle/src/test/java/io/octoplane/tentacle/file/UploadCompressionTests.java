package io.octoplane.tentacle.file;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import io.octoplane.tentacle.config.EdgeSettings.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class UploadCompressionTests {

	@TempDir
	Path dir;

	@Test
	void autoDeflatesTextThatShrinks() throws Exception {
		Path log = Files.writeString(this.dir.resolve("syslog"),
				"Dec  7 13:00:01 edge-001 systemd[1]: Started session 42 of user pi.\n".repeat(2000));
		assertThat(UploadCompression.deflate(Compression.AUTO, log)).isTrue();
	}

	@Test
	void autoSendsAlreadyCompressedBytesAsTheyAre() throws Exception {
		byte[] noise = new byte[200_000];
		new Random(3).nextBytes(noise);
		Path archive = Files.write(this.dir.resolve("backup.tar.gz"), noise);
		assertThat(UploadCompression.deflate(Compression.AUTO, archive)).isFalse();
		assertThat(UploadCompression.deflate(Compression.ON, archive)).as("on always deflates").isTrue();
	}

	@Test
	void offNeverDeflatesAndAnEmptyFileIsNotWorthIt() throws Exception {
		Path text = Files.writeString(this.dir.resolve("a.txt"), "aaaa".repeat(10_000));
		assertThat(UploadCompression.deflate(Compression.OFF, text)).isFalse();
		assertThat(UploadCompression.deflate(Compression.AUTO, Files.createFile(this.dir.resolve("empty")))).isFalse();
	}

}
