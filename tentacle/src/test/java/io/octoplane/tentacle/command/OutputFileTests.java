package io.octoplane.tentacle.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class OutputFileTests {

	@TempDir
	Path folder;

	@Test
	void freshFileIsPrivateAndRemovedOnClose() throws IOException {
		OutputFile file = OutputFile.create(this.folder.resolve("output"), "job/1");
		assertThat(file.path()).hasParent(this.folder.resolve("output")).isEmptyFile();
		assertThat(file.path().getFileName().toString()).startsWith("output-job_1-");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
		file.close();
		assertThat(file.path()).doesNotExist();
	}

	@Test
	void contentsAreReadUpToTheLimit() throws IOException {
		try (OutputFile file = OutputFile.create(this.folder, "c")) {
			Files.writeString(file.path(), "0123456789");
			assertThat(file.read(4)).isEqualTo(new OutputFile.Contents("0123", true, null));
			assertThat(file.read(10)).isEqualTo(new OutputFile.Contents("0123456789", false, null));
		}
	}

	@Test
	void aCharacterCutAtTheLimitIsLeftOut() throws IOException {
		try (OutputFile file = OutputFile.create(this.folder, "c")) {
			Files.writeString(file.path(), "ab€d");
			// "€" is three bytes: a limit of 4 keeps "ab" and one byte of it.
			assertThat(file.read(4).text()).isEqualTo("ab");
			assertThat(file.read(5).text()).isEqualTo("ab€");
		}
	}

	@Test
	void aMissingFileReadsAsEmpty() throws IOException {
		try (OutputFile file = OutputFile.create(this.folder, "c")) {
			Files.delete(file.path());
			assertThat(file.read(100)).isEqualTo(new OutputFile.Contents("", false, null));
		}
	}

	@Test
	void anUnreadableFileGivesNoContentsAndSaysWhy() throws IOException {
		try (OutputFile file = OutputFile.create(this.folder, "c")) {
			Files.delete(file.path());
			Files.createDirectory(file.path());
			OutputFile.Contents contents = file.read(100);
			assertThat(contents.text()).isNull();
			assertThat(contents.problem()).startsWith("cannot read $OCTOPODA_OUTPUT " + file.path());
			Files.delete(file.path());
		}
	}

	@Test
	void contentsJoinAResultWithoutLosingWhatItSaid() {
		CommandResult ran = new CommandResult("c", CommandOutcome.FAILED, 2, "out", "err", false, 1, 2, "boom");
		CommandResult added = new OutputFile.Contents("written", true, "cannot read").addTo(ran);
		assertThat(added.scriptOutput()).isEqualTo("written");
		assertThat(added.outputTruncated()).isTrue();
		assertThat(added.error()).isEqualTo("boom; cannot read");
		assertThat(added.exitCode()).isEqualTo(2);
		assertThat(added.stdout()).isEqualTo("out");
	}

}
