package io.octoplane.tentacle.file;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TargetFolderTests {

	@TempDir
	Path dir;

	@Test
	void missingTargetFolderIsCreatedWithItsParents() throws Exception {
		Path target = this.dir.resolve("a/b/c");
		FileCommands.prepare(target, true);
		assertThat(target).isDirectory();
	}

	@Test
	void missingTargetFolderFailsWithNoCreateAndStaysMissing() {
		Path target = this.dir.resolve("a/b");
		assertThatExceptionOfType(TransferFailedException.class).isThrownBy(() -> FileCommands.prepare(target, false))
			.withMessage("target folder " + target + " does not exist (octl file upload creates it unless "
					+ "--no-create is given)");
		assertThat(this.dir.resolve("a")).doesNotExist();
	}

	@Test
	void aFileIsNoTargetFolder() throws Exception {
		Path file = Files.writeString(this.dir.resolve("f"), "x");
		assertThatExceptionOfType(TransferFailedException.class).isThrownBy(() -> FileCommands.prepare(file, true))
			.withMessageContaining("is not a folder");
	}

}
