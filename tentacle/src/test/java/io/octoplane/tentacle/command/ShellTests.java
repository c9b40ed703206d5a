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

class ShellTests {

	@TempDir
	Path bin;

	private Path executable(String name) throws IOException {
		Path file = Files.writeString(this.bin.resolve(name), "#!/bin/sh\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
		return file;
	}

	@Test
	void bashOnTheSearchPathIsTheDefault() throws IOException {
		Path bash = executable("bash");
		executable("sh");
		Shell shell = Shell.choose(null, "/nonexistent:" + this.bin);
		assertThat(shell.program()).isEqualTo(bash.toString());
		assertThat(shell.note()).isNull();
		assertThat(shell.command("echo hi")).containsExactly(bash.toString(), "-c", "echo hi");
	}

	@Test
	void withoutBashShStandsInWithANote() throws IOException {
		Path sh = executable("sh");
		Shell shell = Shell.choose(null, this.bin.toString());
		assertThat(shell.program()).isEqualTo(sh.toString());
		assertThat(shell.note()).isEqualTo("bash is not installed on this node; ran with sh");
		assertThat(Shell.choose("bash", this.bin.toString()).note()).isEqualTo(shell.note());
	}

	@Test
	void aBashThatIsNotExecutableDoesNotCount() throws IOException {
		Files.writeString(this.bin.resolve("bash"), "not a program");
		executable("sh");
		assertThat(Shell.choose(null, this.bin.toString()).note()).contains("ran with sh");
	}

	@Test
	void configuredShIsUsedWithoutANote() throws IOException {
		executable("bash");
		Path sh = executable("sh");
		Shell shell = Shell.choose("sh", this.bin.toString());
		assertThat(shell.program()).isEqualTo(sh.toString());
		assertThat(shell.note()).isNull();
	}

	@Test
	void configuredPathIsUsedAsGivenOrFallsBackWithANote() throws IOException {
		Path custom = executable("ksh");
		assertThat(Shell.choose(custom.toString(), "")).isEqualTo(new Shell(custom.toString(), null));
		Shell missing = Shell.choose("/opt/none/zsh", "");
		assertThat(missing.program()).isEqualTo("/bin/sh");
		assertThat(missing.note()).isEqualTo("shell /opt/none/zsh is not an executable on this node; ran with sh");
	}

	@Test
	void theNoteJoinsAnErrorTheResultAlreadyHas() {
		Shell shell = new Shell("/bin/sh", "bash is not installed on this node; ran with sh");
		CommandResult timedOut = new CommandResult("c1", CommandOutcome.TIMED_OUT, -1, "out", "", false, 1, 2,
				"timed out", "written");
		CommandResult noted = shell.noted(timedOut);
		assertThat(noted.error()).isEqualTo("timed out; bash is not installed on this node; ran with sh");
		assertThat(noted.scriptOutput()).isEqualTo("written");
		assertThat(noted.stdout()).isEqualTo("out");
		assertThat(new Shell("/bin/bash", null).noted(timedOut)).isSameAs(timedOut);
	}

}
