package io.octoplane.protocol.file;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TarReaderTests {

	@TempDir
	Path temp;

	/** Every unsafe entry, with the words of the rule it breaks. */
	static Stream<Arguments> unsafe() {
		return Stream.of(Arguments.of("dot-dot name", tar(file("a/../../evil")), "'..'"),
				Arguments.of("absolute name", tar(file("/etc/evil")), "absolute"),
				Arguments.of("drive letter", tar(file("C:/evil")), "absolute"),
				Arguments.of("backslash", tar(file("a\\..\\evil")), "absolute or malformed"),
				Arguments.of("hard link", tar(special("passwd", TarArchiveEntry.LF_LINK, "/etc/passwd")),
						"no hard links"),
				Arguments.of("character device", tar(special("null", TarArchiveEntry.LF_CHR, "")), "no hard links"),
				Arguments.of("block device", tar(special("sda", TarArchiveEntry.LF_BLK, "")), "devices"),
				Arguments.of("pipe", tar(special("fifo", TarArchiveEntry.LF_FIFO, "")), "devices"),
				Arguments.of("link out of the folder", tar(link("up", "../outside")), "points outside"),
				Arguments.of("deep link out of the folder", tar(link("a/b/up", "../../../outside")), "points outside"),
				Arguments.of("absolute link", tar(link("etc", "/etc")), "relative target"),
				Arguments.of("link climbing after a name", tar(link("a/l", "b/../../../x")), "after a name"),
				Arguments.of("write through a link", tar(link("here", "."), file("here/x")), "through a symbolic link"),
				Arguments.of("link then folder below it", tar(link("d", "."), folder("d/sub/")),
						"through a symbolic link"),
				Arguments.of("file twice", tar(file("x"), file("x")), "appears twice"),
				Arguments.of("link over a file", tar(file("x"), link("x", "y")), "appears twice"),
				Arguments.of("entry below a file", tar(file("x"), file("x/y")), "below a file"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unsafe")
	void read_unsafeEntry(String what, byte[] archive, String rule) {
		assertThatExceptionOfType(UnsafeArchiveException.class)
			.isThrownBy(() -> TarReader.read(new ByteArrayInputStream(archive), (path, mode, size, content) -> {
			}))
			.withMessageContaining(rule);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unsafe")
	void unpack_unsafeEntry(String what, byte[] archive, String rule) {
		Path target = this.temp.resolve("target");
		assertThatExceptionOfType(UnsafeArchiveException.class)
			.isThrownBy(() -> TarArchives.unpack(new ByteArrayInputStream(archive), target))
			.withMessageContaining(rule);
		assertThat(this.temp.resolve("evil")).doesNotExist();
		assertThat(this.temp.resolve("outside")).doesNotExist();
	}

	@Test
	void handlerSeesNormalizedPathsModesAndContent() throws IOException {
		TarArchiveEntry setuid = file("bin/tool");
		setuid.setMode(0104755);
		byte[] archive = tar(folder("./"), folder("bin/"), setuid, file("./doc//readme"), link("bin/up", "../doc"));
		List<String> seen = new ArrayList<>();
		TarReader.read(new ByteArrayInputStream(archive), new TarReader.Handler() {

			@Override
			public void folder(String path, int mode) {
				seen.add("folder '" + path + "'");
			}

			@Override
			public void file(String path, int mode, long size, InputStream content) throws IOException {
				seen.add("file " + path + " " + Integer.toOctalString(mode) + " " + size + " "
						+ new String(content.readAllBytes(), StandardCharsets.UTF_8));
			}

			@Override
			public void link(String path, String target) {
				seen.add("link " + path + " -> " + target);
			}

		});
		assertThat(seen).containsExactly("folder ''", "folder 'bin'", "file bin/tool 755 1 x",
				"file doc/readme 644 1 x", "link bin/up -> ../doc");
	}

	@Test
	void unpack_setUidBitIsDropped() throws IOException {
		TarArchiveEntry setuid = file("tool");
		setuid.setMode(0106755);
		Path target = this.temp.resolve("target");
		TarArchives.unpack(new ByteArrayInputStream(tar(setuid)), target);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("tool"))))
			.isEqualTo("rwxr-xr-x");
	}

	@Test
	void unpack_linkAlreadyInTheFolderIsNotFollowed() throws IOException {
		Path outside = Files.createDirectories(this.temp.resolve("outside"));
		Path target = Files.createDirectories(this.temp.resolve("target"));
		Files.createSymbolicLink(target.resolve("lib"), outside);
		assertThatExceptionOfType(UnsafeArchiveException.class)
			.isThrownBy(() -> new FolderWriter(target, true).file("lib/new/x", 0644, 1,
					new ByteArrayInputStream(new byte[] { 'x' })))
			.withMessageContaining("through a symbolic link");
		assertThat(outside).isEmptyDirectory();
	}

	@Test
	void replacingWriterReplacesALinkNotItsTarget() throws IOException {
		Path outside = Files.writeString(this.temp.resolve("outside.txt"), "keep");
		Path target = Files.createDirectories(this.temp.resolve("target"));
		Files.createSymbolicLink(target.resolve("x"), outside);
		new FolderWriter(target, true).file("x", 0644, 3, new ByteArrayInputStream("new".getBytes()));
		assertThat(target.resolve("x")).isRegularFile().hasContent("new");
		assertThat(outside).hasContent("keep");
	}

	@Test
	void linksInsideTheFolderAreKept() throws IOException {
		Path target = this.temp.resolve("target");
		TarArchives.unpack(
				new ByteArrayInputStream(
						tar(file("a/b/x"), link("a/b/same", "./x"), link("a/up", "../a/b"), link("top", "a/b/x"))),
				target);
		assertThat(target.resolve("a/b/same")).hasContent("x");
		assertThat(target.resolve("a/up/x")).hasContent("x");
		assertThat(target.resolve("top")).hasContent("x");
	}

	static TarArchiveEntry file(String name) {
		TarArchiveEntry entry = new TarArchiveEntry(name, true);
		entry.setSize(1);
		return entry;
	}

	static TarArchiveEntry folder(String name) {
		return new TarArchiveEntry(name, true);
	}

	static TarArchiveEntry link(String name, String target) {
		TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK, true);
		entry.setLinkName(target);
		return entry;
	}

	static TarArchiveEntry special(String name, byte flag, String linkName) {
		TarArchiveEntry entry = new TarArchiveEntry(name, flag, true);
		entry.setLinkName(linkName);
		return entry;
	}

	static byte[] tar(TarArchiveEntry... entries) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
			tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
			for (TarArchiveEntry entry : entries) {
				tar.putArchiveEntry(entry);
				if (entry.isFile() && entry.getSize() > 0) {
					tar.write('x');
				}
				tar.closeArchiveEntry();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return bytes.toByteArray();
	}

}
