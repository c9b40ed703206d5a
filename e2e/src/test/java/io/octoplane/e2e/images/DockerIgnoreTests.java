package io.octoplane.e2e.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DockerIgnoreTests {

	@TempDir
	Path dir;

	@Test
	void folderPattern_excludesEverythingUnderIt() throws IOException {
		DockerIgnore ignore = read("run/\n");
		assertThat(ignore.excludes("run/brain/brain.log")).isTrue();
		assertThat(ignore.excludes("brain/run.txt")).isFalse();
		assertThat(ignore.decidingPattern("run/brain/brain.log")).isEqualTo("run/");
	}

	@Test
	void doubleStar_matchesAtAnyDepth() throws IOException {
		DockerIgnore ignore = read("**/target/\n");
		assertThat(ignore.excludes("target/x.jar")).isTrue();
		assertThat(ignore.excludes("brain/target/classes/A.class")).isTrue();
		assertThat(ignore.excludes("brain/src/main/java/target.java")).isFalse();
	}

	@Test
	void singleStar_staysInOneSegment() throws IOException {
		DockerIgnore ignore = read("*/data/\n");
		assertThat(ignore.excludes("brain/data/blobs")).isTrue();
		assertThat(ignore.excludes("brain/src/data/x")).isFalse();
	}

	@Test
	void negation_takesAPathBackIn() throws IOException {
		DockerIgnore ignore = read("docs/\n!docs/keep.md\n");
		assertThat(ignore.excludes("docs/other.md")).isTrue();
		assertThat(ignore.excludes("docs/keep.md")).isFalse();
	}

	@Test
	void commentsAndBlankLines_areIgnored() throws IOException {
		DockerIgnore ignore = read("# run/\n\n");
		assertThat(ignore.excludes("run/x")).isFalse();
	}

	private DockerIgnore read(String text) throws IOException {
		Path file = this.dir.resolve(".dockerignore");
		Files.writeString(file, text);
		return DockerIgnore.read(file);
	}

}
