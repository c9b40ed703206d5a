package io.octoplane.protocol.file;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TarArchivesTests {

	@TempDir
	Path temp;

	@Test
	void packThenUnpackKeepsContentModesAndInnerLinks() throws IOException {
		Path source = Files.createDirectories(this.temp.resolve("src/a/b"));
		Files.writeString(source.resolve("x.sh"), "echo hi\n");
		Files.setPosixFilePermissions(source.resolve("x.sh"), PosixFilePermissions.fromString("rwxr-x---"));
		Files.createSymbolicLink(this.temp.resolve("src/link"), Path.of("a/b/x.sh"));
		ByteArrayOutputStream tar = new ByteArrayOutputStream();
		TarArchives.pack(this.temp.resolve("src"), tar);
		Path target = this.temp.resolve("dst");
		TarArchives.unpack(new ByteArrayInputStream(tar.toByteArray()), target);
		assertThat(Files.readString(target.resolve("a/b/x.sh"))).isEqualTo("echo hi\n");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("a/b/x.sh"))))
			.isEqualTo("rwxr-x---");
		assertThat(Files.readSymbolicLink(target.resolve("link"))).isEqualTo(Path.of("a/b/x.sh"));
	}

	@Test
	void unpack_dotDotName() {
		assertRefused(file("a/../../evil"), "'..'");
	}

	@Test
	void unpack_absoluteName() {
		assertRefused(file("/etc/evil"), "absolute");
	}

	@Test
	void unpack_linkOutOfTheFolder() {
		assertRefused(link("up", "../outside"), "points outside");
	}

	@Test
	void unpack_absoluteLink() {
		assertRefused(link("etc", "/etc"), "relative target");
	}

	@Test
	void unpack_entryThroughALink() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
			write(tar, linkEntry("here", "."), null);
			write(tar, fileEntry("here/x"), "x");
		}
		assertThatExceptionOfType(UnsafeArchiveException.class)
			.isThrownBy(() -> TarArchives.unpack(new ByteArrayInputStream(bytes.toByteArray()), this.temp.resolve("t")))
			.withMessageContaining("through a symbolic link");
	}

	@Test
	void unpack_hardLink() {
		TarArchiveEntry entry = new TarArchiveEntry("passwd", TarArchiveEntry.LF_LINK);
		entry.setLinkName("/etc/passwd");
		assertRefused(entry, "no hard links");
	}

	@Test
	void fileNamesMustBeOneSegment() {
		for (String name : new String[] { "", ".", "..", "a/b", "a\\b", "x\ny" }) {
			assertThatExceptionOfType(IllegalArgumentException.class).as(name)
				.isThrownBy(() -> FileNames.requireSegment(name));
		}
		assertThat(FileNames.requireSegment("app.tar.gz")).isEqualTo("app.tar.gz");
	}

	private void assertRefused(TarArchiveEntry entry, String why) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
			write(tar, entry, entry.isSymbolicLink() || entry.isLink() ? null : "x");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		Path target = this.temp.resolve("target");
		assertThatExceptionOfType(UnsafeArchiveException.class)
			.isThrownBy(() -> TarArchives.unpack(new ByteArrayInputStream(bytes.toByteArray()), target))
			.withMessageContaining(why);
		assertThat(this.temp.resolve("evil")).doesNotExist();
	}

	private static TarArchiveEntry file(String name) {
		return fileEntry(name);
	}

	private static TarArchiveEntry link(String name, String target) {
		return linkEntry(name, target);
	}

	private static TarArchiveEntry fileEntry(String name) {
		TarArchiveEntry entry = new TarArchiveEntry(name, true);
		entry.setSize(1);
		return entry;
	}

	private static TarArchiveEntry linkEntry(String name, String target) {
		TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
		entry.setLinkName(target);
		return entry;
	}

	private static void write(TarArchiveOutputStream tar, TarArchiveEntry entry, String content) throws IOException {
		tar.putArchiveEntry(entry);
		if (content != null) {
			tar.write(content.getBytes(StandardCharsets.UTF_8));
		}
		tar.closeArchiveEntry();
	}

}
