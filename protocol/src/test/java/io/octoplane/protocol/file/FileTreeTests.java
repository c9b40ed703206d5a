package io.octoplane.protocol.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FileTreeTests {

	@TempDir
	Path dir;

	@TempDir
	Path outside;

	@BeforeEach
	void tree() throws IOException {
		Files.writeString(this.dir.resolve("b.txt"), "hello");
		Files.createDirectories(this.dir.resolve("a/deeper/deepest"));
		Files.writeString(this.dir.resolve("a/one.bin"), "12345678");
		Files.writeString(this.dir.resolve("a/deeper/deepest/leaf"), "x");
		Files.setPosixFilePermissions(this.dir.resolve("b.txt"), PosixFilePermissions.fromString("rw-r-----"));
	}

	@Test
	void everyLevelInTreeOrderWithSizesAndModes() throws IOException {
		FileListing listing = FileTree.list(this.dir, 0);
		assertThat(listing.entries()).extracting(FileListing.Entry::name)
			.containsExactly("a", "a/deeper", "a/deeper/deepest", "a/deeper/deepest/leaf", "a/one.bin", "b.txt");
		FileListing.Entry b = listing.entries().get(5);
		assertThat(b.type()).isEqualTo("file");
		assertThat(b.sizeBytes()).isEqualTo(5);
		assertThat(b.mode()).isEqualTo("rw-r-----");
		assertThat(listing.entries().get(0).type()).isEqualTo("directory");
		assertThat(listing.truncated()).isFalse();
	}

	@Test
	void depthLimitsTheLevels() throws IOException {
		assertThat(FileTree.list(this.dir, 1).entries()).extracting(FileListing.Entry::name)
			.containsExactly("a", "b.txt");
		assertThat(FileTree.list(this.dir, 2).entries()).extracting(FileListing.Entry::name)
			.containsExactly("a", "a/deeper", "a/one.bin", "b.txt");
	}

	@Test
	void symbolicLinksAreShownNotFollowed() throws IOException {
		Files.writeString(this.outside.resolve("secret"), "s");
		Files.createSymbolicLink(this.dir.resolve("link"), this.outside);
		FileListing listing = FileTree.list(this.dir, 0);
		assertThat(listing.entries()).extracting(FileListing.Entry::name)
			.contains("link")
			.doesNotContain("link/secret");
		assertThat(listing.entries().stream().filter((entry) -> entry.name().equals("link")).findFirst().get().type())
			.isEqualTo("symlink");
	}

	@Test
	void aLargeTreeIsTruncatedAtTheEntryLimit() throws IOException {
		Path big = Files.createDirectories(this.dir.resolve("big"));
		for (int i = 0; i < FileTree.MAX_ENTRIES + 10; i++) {
			Files.createFile(big.resolve("f" + i));
		}
		FileListing listing = FileTree.list(this.dir, 0);
		assertThat(listing.entries()).hasSize(FileTree.MAX_ENTRIES);
		assertThat(listing.truncated()).isTrue();
	}

	@Test
	void missingFolderAndFileAreTold() {
		assertThatExceptionOfType(NoSuchFileException.class).isThrownBy(() -> FileTree.list(this.dir.resolve("no"), 0));
		assertThatExceptionOfType(NotDirectoryException.class)
			.isThrownBy(() -> FileTree.list(this.dir.resolve("b.txt"), 0));
	}

}
