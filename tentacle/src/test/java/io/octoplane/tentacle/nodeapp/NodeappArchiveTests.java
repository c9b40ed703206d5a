package io.octoplane.tentacle.nodeapp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class NodeappArchiveTests {

	@TempDir
	Path dir;

	@Test
	void scriptsReplacedSourcesCopied() throws IOException {
		Path scripts = this.dir.resolve("scripts");
		Path sources = this.dir.resolve("app");
		Files.createDirectories(scripts);
		Files.writeString(scripts.resolve("old.sh"), "old");
		boolean hasSources = NodeappArchive.unpack(archive("scripts/run.sh", "src/a/b.txt"), scripts, sources);
		assertThat(hasSources).isTrue();
		assertThat(scripts.resolve("old.sh")).doesNotExist();
		assertThat(scripts.resolve("run.sh")).hasContent("scripts/run.sh");
		assertThat(sources.resolve("a/b.txt")).hasContent("src/a/b.txt");
	}

	@Test
	void unpack_entryLeavingItsFolder() {
		assertThatIOException()
			.isThrownBy(() -> NodeappArchive.unpack(archive("src/../../evil.txt"), this.dir.resolve("s"),
					this.dir.resolve("app")))
			.withMessageContaining("points outside its folder");
		assertThat(this.dir.resolve("evil.txt")).doesNotExist();
	}

	@Test
	void unpack_entryOutsideScriptsAndSources() {
		assertThatIOException()
			.isThrownBy(
					() -> NodeappArchive.unpack(archive("etc/passwd"), this.dir.resolve("s"), this.dir.resolve("a")))
			.withMessageContaining("neither under scripts/ nor src/");
	}

	@Test
	void unpack_notBase64() {
		assertThatIOException()
			.isThrownBy(() -> NodeappArchive.unpack("%%%", this.dir.resolve("s"), this.dir.resolve("a")))
			.withMessageContaining("not base64");
	}

	private static String archive(String... names) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
			for (String name : names) {
				byte[] content = name.getBytes(StandardCharsets.UTF_8);
				TarArchiveEntry entry = new TarArchiveEntry(name, true);
				entry.setSize(content.length);
				tar.putArchiveEntry(entry);
				tar.write(content);
				tar.closeArchiveEntry();
			}
		}
		return Base64.getEncoder().encodeToString(bytes.toByteArray());
	}

}
