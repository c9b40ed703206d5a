package io.octoplane.tentacle.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.RunCommand;
import io.octoplane.tentacle.file.NodePaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CommandRunnerTests {

	@TempDir
	Path workspace;

	private CommandRunner runner(int limit) {
		return new CommandRunner(this.workspace, limit, Clock.systemUTC());
	}

	private CommandRunner octopodaRunner(int limit, Shell shell) {
		NodePaths paths = new NodePaths(this.workspace, this.workspace.resolve("home"), null,
				this.workspace.resolve("store"), null);
		return new CommandRunner(paths, limit, Clock.systemUTC(),
				new ScriptEnvironment(paths, () -> "pi4", Map.of("SITE", "lab")), shell, null);
	}

	private static RunCommand shell(String command, long timeoutMillis) {
		return new RunCommand("c1", CommandMode.SHELL, command, timeoutMillis, 1024 * 1024);
	}

	@Test
	void shellCapturesStdoutAndStderrAndExitCode() throws IOException {
		CommandResult result = runner(4096).run(shell("echo hello; echo oops >&2; pwd", 10_000));
		assertThat(result.outcome()).isEqualTo(CommandOutcome.SUCCEEDED);
		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout()).isEqualTo("hello\n" + this.workspace.toRealPath() + "\n");
		assertThat(result.stderr()).isEqualTo("oops\n");
		assertThat(result.outputTruncated()).isFalse();
		assertThat(result.error()).isNull();
		assertThat(result.finishedAtMillis()).isGreaterThanOrEqualTo(result.startedAtMillis());
	}

	@Test
	void nonZeroExitIsFailed() {
		CommandResult result = runner(4096).run(shell("echo partial; exit 3", 10_000));
		assertThat(result.outcome()).isEqualTo(CommandOutcome.FAILED);
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.stdout()).isEqualTo("partial\n");
	}

	@Test
	void timeoutKillsTheShellAndItsGrandchildren() throws IOException {
		Path pidFile = this.workspace.resolve("pid");
		long started = System.nanoTime();
		CommandResult result = runner(4096).run(shell("sleep 300 & echo $! > pid; echo waiting; wait", 500));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
		assertThat(result.outcome()).isEqualTo(CommandOutcome.TIMED_OUT);
		assertThat(result.exitCode()).isEqualTo(-1);
		assertThat(result.stdout()).isEqualTo("waiting\n");
		assertThat(result.error()).contains("timed out");
		long grandchild = Long.parseLong(Files.readString(pidFile).strip());
		await().atMost(Duration.ofSeconds(5))
			.until(() -> ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE);
	}

	@Test
	void continuousCommandSucceedsWhenItsTimeLimitEndsIt() {
		RunCommand command = new RunCommand("tail", CommandMode.SHELL, "echo tick; exec sleep 300", 500, 4096, true,
				false);
		CommandResult result = runner(4096).run(command);
		assertThat(result.outcome()).isEqualTo(CommandOutcome.SUCCEEDED);
		assertThat(result.exitCode()).isEqualTo(-1);
		assertThat(result.error()).isNull();
		assertThat(result.stdout()).isEqualTo("tick\n");
	}

	@Test
	void cancelKillsTheShellAndItsGrandchildren() throws Exception {
		Path pidFile = this.workspace.resolve("pid");
		RunControl control = new RunControl(null);
		Thread canceller = Thread.ofVirtual().start(() -> {
			await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
			control.cancel("operator said stop");
		});
		long started = System.nanoTime();
		CommandResult result = runner(4096).run(shell("sleep 300 & echo $! > pid; wait", 60_000), control);
		canceller.join(Duration.ofSeconds(5));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
		assertThat(result.outcome()).isEqualTo(CommandOutcome.CANCELLED);
		assertThat(result.exitCode()).isEqualTo(-1);
		assertThat(result.error()).isEqualTo("operator said stop");
		long grandchild = Long.parseLong(Files.readString(pidFile).strip());
		await().atMost(Duration.ofSeconds(5))
			.until(() -> ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE);
	}

	@Test
	void cancelBeforeStartNeverStartsTheProcess() {
		RunControl control = new RunControl(null);
		control.cancel("too late");
		CommandResult result = runner(4096).run(shell("touch ran", 10_000), control);
		assertThat(result.outcome()).isEqualTo(CommandOutcome.CANCELLED);
		assertThat(result.error()).isEqualTo("too late");
		assertThat(this.workspace.resolve("ran")).doesNotExist();
	}

	@Test
	void outputBeyondTheLimitIsDrainedAndMarkedTruncated() {
		CommandResult result = runner(100).run(shell("head -c 100000 /dev/zero | tr '\\0' x; echo done >&2", 10_000));
		assertThat(result.outcome()).isEqualTo(CommandOutcome.SUCCEEDED);
		assertThat(result.stdout()).hasSize(100).matches("x+");
		assertThat(result.stderr()).isEqualTo("done\n");
		assertThat(result.outputTruncated()).isTrue();
	}

	@Test
	void commandLimitWinsWhenSmallerThanTheConfiguredCap() {
		RunCommand command = new RunCommand("c2", CommandMode.SHELL, "echo 0123456789", 10_000, 4);
		CommandResult result = runner(4096).run(command);
		assertThat(result.stdout()).isEqualTo("0123");
		assertThat(result.outputTruncated()).isTrue();
	}

	@Test
	void scriptRunsFromATempFileThatIsDeletedAfterwards() throws IOException {
		String script = "#!/bin/sh\nset -e\nx=41\necho $((x + 1))\necho \"$0\"\n";
		CommandResult result = runner(4096).run(new RunCommand("s1", CommandMode.SCRIPT, script, 10_000, 4096));
		assertThat(result.outcome()).isEqualTo(CommandOutcome.SUCCEEDED);
		String[] lines = result.stdout().split("\n");
		assertThat(lines[0]).isEqualTo("42");
		assertThat(Path.of(lines[1])).doesNotExist();
		try (var files = Files.walk(this.workspace.resolve(CommandRunner.STATE_FOLDER))) {
			assertThat(files.filter(Files::isRegularFile)).isEmpty();
		}
	}

	@Test
	void scriptTimeoutIsReported() {
		CommandResult result = runner(4096).run(new RunCommand("s2", CommandMode.SCRIPT, "sleep 300\n", 300, 4096));
		assertThat(result.outcome()).isEqualTo(CommandOutcome.TIMED_OUT);
	}

	@Test
	void backgroundReturnsAtOnceAndKeepsRunning() throws IOException {
		String command = "echo $$ > bg.pid; echo started; exec sleep 300";
		long started = System.nanoTime();
		CommandResult result = runner(4096).run(new RunCommand("bg/1", CommandMode.BACKGROUND, command, 1000, 4096));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(result.outcome()).isEqualTo(CommandOutcome.STARTED);
		assertThat(result.exitCode()).isEqualTo(-1);
		Path pidFile = this.workspace.resolve("bg.pid");
		await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
		long pid = Long.parseLong(Files.readString(pidFile).strip());
		Optional<ProcessHandle> process = ProcessHandle.of(pid);
		try {
			assertThat(process).hasValueSatisfying((handle) -> assertThat(handle.isAlive()).isTrue());
			Path log = this.workspace.resolve(CommandRunner.STATE_FOLDER).resolve("bg-bg_1.log");
			await().atMost(Duration.ofSeconds(5))
				.until(() -> Files.exists(log) && Files.readString(log).equals("started\n"));
		}
		finally {
			process.ifPresent(ProcessHandle::destroyForcibly);
		}
	}

	@Test
	void processThatCannotStartIsAnError() throws IOException {
		Path notAFolder = Files.writeString(this.workspace.resolve("file"), "x");
		CommandResult result = new CommandRunner(notAFolder, 4096, Clock.systemUTC()).run(shell("echo hi", 1000));
		assertThat(result.outcome()).isEqualTo(CommandOutcome.ERROR);
		assertThat(result.exitCode()).isEqualTo(-1);
		assertThat(result.error()).startsWith("cannot create the $OCTOPODA_OUTPUT file");
	}

	@Test
	void commandsSeeTheOctopodaVariablesAndTheTentaclesOwn() throws IOException {
		CommandResult result = octopodaRunner(4096, Shell.choose(null)).run(shell(
				"echo \"$OCTOPODA_NODENAME|$SITE|$OCTOPODA_ROOT|$OCTOPODA_WORKSPACE|$OCTOPODA_FSTORE|$OCTOPODA_LOG"
						+ "|$OCTOPODA_PAKMA|$OCTOPODA_CURRENTDIR|${OCTOPODA_APP-unset}\"",
				10_000));
		Path ws = this.workspace.toAbsolutePath();
		assertThat(result.stdout()).isEqualTo(String.join("|", "pi4", "lab", ws.resolve("home").toString(),
				ws.toString(), ws.resolve("store").toString(), ws.resolve("log").toString(),
				ws.resolve("pakma").toString(), ws.toString(), "unset") + "\n");
	}

	@Test
	void whatACommandWritesToOctopodaOutputComesBackAndTheFileIsGone() throws IOException {
		CommandResult result = octopodaRunner(4096, Shell.choose(null))
			.run(shell("echo \"done on $OCTOPODA_NODENAME\" >> \"$OCTOPODA_OUTPUT\"; stat -c %a \"$OCTOPODA_OUTPUT\"",
					10_000));
		assertThat(result.outcome()).isEqualTo(CommandOutcome.SUCCEEDED);
		assertThat(result.scriptOutput()).isEqualTo("done on pi4\n");
		assertThat(result.stdout()).isEqualTo("600\n");
		assertThat(result.error()).isNull();
		try (Stream<Path> files = Files.walk(this.workspace.resolve(CommandRunner.STATE_FOLDER))) {
			assertThat(files.filter(Files::isRegularFile)).isEmpty();
		}
	}

	@Test
	void scriptReadsTheFileStoreAndWritesItsOutput() throws IOException {
		Files.createDirectories(this.workspace.resolve("store/foobar"));
		Files.writeString(this.workspace.resolve("store/foobar/testfile.txt"), "hello octopoda\n");
		String script = "#!/bin/bash\ncat \"$OCTOPODA_FSTORE/foobar/testfile.txt\" > \"$OCTOPODA_OUTPUT\"\n";
		CommandResult result = octopodaRunner(4096, Shell.choose(null))
			.run(new RunCommand("ss1", CommandMode.SCRIPT, script, 10_000, 4096));
		assertThat(result.outcome()).isEqualTo(CommandOutcome.SUCCEEDED);
		assertThat(result.scriptOutput()).isEqualTo("hello octopoda\n");
	}

	@Test
	void scriptsRunWithBashWherePresent() {
		String script = "names=(pi4 pi5)\nif [[ ${#names[@]} == 2 && ${names[1]} == pi5 ]]; then echo bash; fi\n";
		CommandResult result = octopodaRunner(4096, Shell.choose(null))
			.run(new RunCommand("ss2", CommandMode.SCRIPT, script, 10_000, 4096));
		assertThat(result.outcome()).isEqualTo(CommandOutcome.SUCCEEDED);
		assertThat(result.stdout()).isEqualTo("bash\n");
		assertThat(result.error()).isNull();
	}

	@Test
	void withoutBashCommandsRunWithShAndTheResultSaysSo() throws IOException {
		Path bin = Files.createDirectories(this.workspace.resolve("bin"));
		Files.createSymbolicLink(bin.resolve("sh"), Path.of("/bin/sh"));
		CommandResult result = octopodaRunner(4096, Shell.choose(null, bin.toString()))
			.run(shell("echo \"$OCTOPODA_NODENAME\" > \"$OCTOPODA_OUTPUT\"", 10_000));
		assertThat(result.outcome()).isEqualTo(CommandOutcome.SUCCEEDED);
		assertThat(result.scriptOutput()).isEqualTo("pi4\n");
		assertThat(result.error()).isEqualTo("bash is not installed on this node; ran with sh");
	}

	@Test
	void octopodaOutputIsCappedLikeStdout() {
		CommandResult result = octopodaRunner(100, Shell.choose(null))
			.run(shell("head -c 1000 /dev/zero | tr '\\0' y > \"$OCTOPODA_OUTPUT\"", 10_000));
		assertThat(result.scriptOutput()).hasSize(100).matches("y+");
		assertThat(result.outputTruncated()).isTrue();
	}

	@Test
	void octopodaOutputRemovedByTheCommandIsEmpty() {
		CommandResult result = octopodaRunner(4096, Shell.choose(null))
			.run(shell("rm \"$OCTOPODA_OUTPUT\"; echo gone", 10_000));
		assertThat(result.outcome()).isEqualTo(CommandOutcome.SUCCEEDED);
		assertThat(result.scriptOutput()).isEmpty();
		assertThat(result.error()).isNull();
	}

	@Test
	void unreadableOctopodaOutputIsSaidInTheResult() throws IOException {
		CommandResult result = octopodaRunner(4096, Shell.choose(null))
			.run(shell("rm \"$OCTOPODA_OUTPUT\"; mkdir \"$OCTOPODA_OUTPUT\"", 10_000));
		assertThat(result.outcome()).isEqualTo(CommandOutcome.SUCCEEDED);
		assertThat(result.scriptOutput()).isNull();
		assertThat(result.error()).startsWith("cannot read $OCTOPODA_OUTPUT");
	}

	@Test
	void backgroundCommandsGetTheVariablesAndAnOutputFileBesideTheirLog() throws IOException {
		CommandResult result = octopodaRunner(4096, Shell.choose(null)).run(new RunCommand("bg2",
				CommandMode.BACKGROUND, "echo \"$OCTOPODA_NODENAME $SITE\" > \"$OCTOPODA_OUTPUT\"", 1000, 4096));
		assertThat(result.outcome()).isEqualTo(CommandOutcome.STARTED);
		Path output = this.workspace.resolve(CommandRunner.STATE_FOLDER).resolve("bg-bg2.out");
		await().atMost(Duration.ofSeconds(5))
			.until(() -> Files.exists(output) && Files.readString(output).equals("pi4 lab\n"));
	}

}
