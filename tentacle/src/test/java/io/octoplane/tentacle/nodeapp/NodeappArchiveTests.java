package io.octoplane.tentacle.nodeapp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.stream.Stream;

import io.octoplane.protocol.file.UnsafeArchiveException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.octoplane.testsupport.archive.TestArchives.base64TarGz;
import static io.octoplane.testsupport.archive.TestArchives.file;
import static io.octoplane.testsupport.archive.TestArchives.link;
import static io.octoplane.testsupport.archive.TestArchives.special;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

class NodeappArchiveTests {

	@TempDir
	Path dir;

	/**
	 * Every unsafe entry of the file-transfer rules, under src/, with the rule's words.
	 */
	static Stream<Arguments> unsafe() {
		return Stream.of(Arguments.of("dot-dot name", base64TarGz(file("src/../../evil")), "'..'"),
				Arguments.of("absolute name", base64TarGz(file("/src/evil")), "absolute"),
				Arguments.of("hard link", base64TarGz(special("src/passwd", TarArchiveEntry.LF_LINK, "/etc/passwd")),
						"no hard links"),
				Arguments.of("device", base64TarGz(special("src/null", TarArchiveEntry.LF_CHR, "")), "devices"),
				Arguments.of("link out of the archive", base64TarGz(link("src/up", "../../evil")), "points outside"),
				Arguments.of("absolute link", base64TarGz(link("src/etc", "/etc")), "relative target"),
				Arguments.of("write through a link", base64TarGz(link("src/here", "."), file("src/here/evil")),
						"through a symbolic link"),
				Arguments.of("into the git folder", base64TarGz(file("src/.git/hooks/post-commit")), "git folder"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unsafe")
	void unpack_unsafeEntry(String what, String archive, String rule) {
		Path sources = this.dir.resolve("app/nested");
		assertThatExceptionOfType(UnsafeArchiveException.class)
			.isThrownBy(() -> NodeappArchive.unpack(gz(archive), this.dir.resolve("s"), sources))
			.withMessageContaining(rule);
		assertThat(this.dir.resolve("evil")).doesNotExist();
		assertThat(this.dir.resolve("app/evil")).doesNotExist();
		assertThat(sources.resolve("here/evil")).doesNotExist();
	}

	@Test
	void scriptsReplacedSourcesCopied() throws IOException {
		Path scripts = this.dir.resolve("scripts");
		Path sources = this.dir.resolve("app");
		Files.createDirectories(scripts);
		Files.writeString(scripts.resolve("old.sh"), "old");
		boolean hasSources = NodeappArchive.unpack(gz(base64TarGz(file("scripts/run.sh"), file("src/a/b.txt"))),
				scripts, sources);
		assertThat(hasSources).isTrue();
		assertThat(scripts.resolve("old.sh")).doesNotExist();
		assertThat(scripts.resolve("run.sh")).hasContent("scripts/run.sh");
		assertThat(sources.resolve("a/b.txt")).hasContent("src/a/b.txt");
	}

	@Test
	void existingSourcesAreOverwrittenAndLinksSkipped() throws IOException {
		Path sources = Files.createDirectories(this.dir.resolve("app"));
		Files.writeString(sources.resolve("a.txt"), "old");
		boolean hasSources = NodeappArchive.unpack(gz(base64TarGz(file("src/a.txt"), link("src/same", "a.txt"))),
				this.dir.resolve("s"), sources);
		assertThat(hasSources).isTrue();
		assertThat(sources.resolve("a.txt")).hasContent("src/a.txt");
		assertThat(sources.resolve("same")).doesNotExist();
	}

	@Test
	void noSourcesWithoutASrcEntry() throws IOException {
		Path sources = this.dir.resolve("app");
		assertThat(NodeappArchive.unpack(gz(base64TarGz(file("scripts/run.sh"))), this.dir.resolve("s"), sources))
			.isFalse();
		assertThat(sources).doesNotExist();
	}

	@Test
	void setUidBitIsDroppedAndTheExecuteBitKept() throws IOException {
		TarArchiveEntry script = file("scripts/run.sh");
		script.setMode(0104755);
		Path scripts = this.dir.resolve("s");
		NodeappArchive.unpack(gz(base64TarGz(script)), scripts, this.dir.resolve("app"));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(scripts.resolve("run.sh"))))
			.isEqualTo("rwxr-xr-x");
	}

	@Test
	void unpack_linkAlreadyInTheSourcesIsNotFollowed() throws IOException {
		Path outside = Files.createDirectories(this.dir.resolve("outside"));
		Path sources = Files.createDirectories(this.dir.resolve("app"));
		Files.createSymbolicLink(sources.resolve("lib"), outside);
		assertThatExceptionOfType(UnsafeArchiveException.class)
			.isThrownBy(
					() -> NodeappArchive.unpack(gz(base64TarGz(file("src/lib/evil"))), this.dir.resolve("s"), sources))
			.withMessageContaining("through a symbolic link");
		assertThat(outside).isEmptyDirectory();
	}

	@Test
	void unpack_entryOutsideScriptsAndSources() {
		assertThatIOException()
			.isThrownBy(() -> NodeappArchive.unpack(gz(base64TarGz(file("etc/passwd"))), this.dir.resolve("s"),
					this.dir.resolve("a")))
			.withMessageContaining("neither under scripts/ nor src/");
	}

	@Test
	void unpack_notGzip() {
		assertThatIOException()
			.isThrownBy(() -> NodeappArchive.unpack(new ByteArrayInputStream("%%%".getBytes()), this.dir.resolve("s"),
					this.dir.resolve("a")))
			.withMessageContaining("GZIP");
	}

	private static InputStream gz(String base64) {
		return new ByteArrayInputStream(Base64.getDecoder().decode(base64));
	}

}
