package io.octoplane.tentacle.nodeapp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class NodeappGitTests {

	@TempDir
	Path dir;

	@Test
	void resetBringsOldFilesBackAsANewCommit() throws IOException {
		Path folder = this.dir.resolve("web@shop");
		NodeappGit git = new NodeappGit(folder, "node1");
		git.ensure();
		Files.writeString(folder.resolve("a.txt"), "A");
		String a = git.commit("A");
		Files.writeString(folder.resolve("a.txt"), "B");
		Files.writeString(folder.resolve("b.txt"), "B");
		String b = git.commit("B");
		assertThat(git.commit("nothing changed")).isEqualTo(b);

		String reset = git.reset(a, "back to A");

		assertThat(reset).isNotIn(a, b);
		assertThat(folder.resolve("a.txt")).hasContent("A");
		assertThat(folder.resolve("b.txt")).doesNotExist();
		assertThat(git.log()).extracting((commit) -> commit.message()).containsExactly("back to A", "B", "A");
		assertThat(git.head()).isEqualTo(reset);
	}

	@Test
	void gitignoredFilesAreNotCommitted() throws IOException {
		Path folder = this.dir.resolve("db@shop");
		NodeappGit git = new NodeappGit(folder, "node1");
		git.ensure();
		Files.writeString(folder.resolve(".gitignore"), "*.log\n");
		Files.writeString(folder.resolve("run.log"), "noise");
		Files.writeString(folder.resolve("data.txt"), "data");
		git.commit("first");
		Files.writeString(folder.resolve("run.log"), "more noise");
		assertThat(git.commit("second")).isEqualTo(git.head());
		assertThat(git.log()).hasSize(1);
	}

	@Test
	void reset_unknownCommit() throws IOException {
		Path folder = this.dir.resolve("x@y");
		NodeappGit git = new NodeappGit(folder, "node1");
		git.ensure();
		Files.writeString(folder.resolve("a.txt"), "A");
		git.commit("A");
		assertThatIOException().isThrownBy(() -> git.reset("0123456789012345678901234567890123456789", "nope"))
			.withMessageContaining("is not in the history of nodeapp x@y");
	}

	@Test
	void reset_missingNodeapp() {
		assertThatIOException().isThrownBy(() -> new NodeappGit(this.dir.resolve("gone@y"), "n").reset("abc", "m"))
			.withMessageContaining("does not exist on this node");
	}

}
