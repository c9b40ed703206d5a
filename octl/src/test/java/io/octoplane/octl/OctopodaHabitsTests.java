package io.octoplane.octl;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.testsupport.api.ApiFixtures;
import io.octoplane.testsupport.api.SseScript;
import io.octoplane.testsupport.api.StubBrain.Answer;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OctopodaHabitsTests extends StubBrainCommandTest {

	@Test
	void shortConfigFlagBeforeTheCommandNamesTheConfigFile() {
		this.brain.answerJson("GET", ApiPaths.NODES, ApiFixtures.nodeList());
		OctlRun run = this.octl.run(Map.of(), "-c", this.config.toString(), "node", "get");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.json().isArray() || run.json().isObject()).isTrue();
	}

	@Test
	void shortConfigFlagAfterTheCommandIsNotTheConfig() {
		OctlRun run = this.octl.run(Map.of(), "node", "get", "-c", this.config.toString());
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("Unknown option: '-c'");
	}

	@Test
	void shortConfigFlagWithMissingFileNamesIt() {
		OctlRun run = this.octl.run(Map.of(), "-c", this.dir.resolve("none.yaml").toString(), "node", "get");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("none.yaml").contains("given by --config");
	}

	@Test
	void noPrintSilencesStandardOutputButNotErrors() {
		this.brain.answerJson("GET", ApiPaths.NODES, ApiFixtures.nodeList());
		OctlRun quiet = this.octl.run(Map.of("OCTL_CONFIG", this.config.toString(), "OCTL_NOPRINT", ""), "node", "get");
		assertThat(quiet.exitCode()).isZero();
		assertThat(quiet.out()).isEmpty();
		OctlRun failed = this.octl.run(Map.of("OCTL_CONFIG", this.config.toString(), "OCTL_NOPRINT", "1"), "node",
				"get", "-o", "nonsense");
		assertThat(failed.exitCode()).isEqualTo(2);
		assertThat(failed.err()).contains("nonsense");
	}

	@Test
	void noPrintStillShowsHelpAskedFor() {
		OctlRun run = this.octl.run(Map.of("OCTL_NOPRINT", "1"), "help", "node");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("Usage: octl node");
	}

	@Test
	void noSpinnerTurnsProgressNotesOff() {
		Octl quiet = new Octl(Map.of("OCTL_NOSPINNER", ""), this.dir, true);
		Octl chatty = new Octl(Map.of(), this.dir, true);
		assertThat(quiet.interactive()).isFalse();
		assertThat(chatty.interactive()).isTrue();
	}

	@Test
	void noColorTurnsHelpColoursOff() {
		CommandLine plain = new Octl(Map.of("OCTL_NOCOLOR", ""), this.dir).commandLine();
		assertThat(plain.getColorScheme().ansi()).isEqualTo(CommandLine.Help.Ansi.OFF);
		CommandLine usual = new Octl(Map.of(), this.dir).commandLine();
		assertThat(usual.getColorScheme().ansi()).isEqualTo(CommandLine.Help.Ansi.AUTO);
	}

	@Test
	void helpPrintsTheHelpOfANestedCommand() {
		OctlRun run = this.octl.run(Map.of(), "help", "cmd", "run");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("Usage: octl cmd run").contains("--common-command");
	}

	@Test
	void helpTakesOctopodasClassNames() {
		OctlRun run = this.octl.run(Map.of(), "help", "Workgroup");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("Usage: octl wg");
	}

	@Test
	void helpWithoutCommandPrintsOctlsHelp() {
		OctlRun run = this.octl.run(Map.of(), "help");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("Usage: octl").contains("Examples:");
	}

	@Test
	void helpOfAnUnknownCommandNamesTheKnownOnes() {
		OctlRun run = this.octl.run(Map.of(), "help", "cmd", "walk");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("'walk' is not a command of 'octl cmd'").contains("run");
	}

	@Test
	void octopodasSingleDashVersionAndUsageWork() {
		OctlRun version = this.octl.run(Map.of(), "-version");
		assertThat(version.exitCode()).isZero();
		assertThat(version.out()).isEqualTo(this.octl.run(Map.of(), "--version").out()).isNotEmpty();
		OctlRun usage = this.octl.run(Map.of(), "-usage");
		assertThat(usage.exitCode()).isZero();
		assertThat(usage.out()).contains("Usage: octl");
	}

	@Test
	void ctrlCWhileWaitingCancelsAndSaysWhenTheCancelFails() throws Exception {
		this.brain.answers("POST", ApiPaths.COMMANDS, Answer.json(202, ApiFixtures.job(ApiFixtures.running("pi1")))
			.withHeader("Location", ApiFixtures.jobPath()));
		this.brain.answerProblem("POST", ApiFixtures.jobPath(ApiPaths.JOB_CANCEL), ErrorCode.JOB_NOT_FOUND,
				"no job job-1");
		AtomicBoolean delivered = new AtomicBoolean();
		this.brain.events(ApiFixtures.eventsPath(),
				SseScript.script()
					.event("node", ApiFixtures.running("pi1"))
					.until(delivered::get)
					.event("done", ApiFixtures.job(ApiFixtures.succeeded("pi1", "ok\n"))));
		Octl octl = new Octl(Map.of("OCTL_CONFIG", this.config.toString()), this.octl.home());
		Thread presser = Thread.ofPlatform().start(() -> {
			await().atMost(Duration.ofSeconds(30)).until(() -> octl.interrupts().handled());
			octl.interrupts().deliver();
			delivered.set(true);
		});
		OctlRun run = OctlRun.execute(octl.commandLine("cmd", "run", "uptime", "pi1"), "cmd", "run", "uptime", "pi1");
		presser.join();
		assertThat(run.exitCode()).isZero();
		assertThat(run.err()).contains("asking the brain to cancel job job-1", "could not cancel job job-1",
				"octl job cancel job-1");
		assertThat(octl.interrupts().handled()).as("the handler goes with the wait").isFalse();
	}

	@Test
	void helpIsListedInOctlsHelp() {
		StringWriter out = new StringWriter();
		new Octl(Map.of(), Path.of("/nonexistent")).commandLine().usage(new PrintWriter(out));
		assertThat(out.toString()).contains("  help ");
	}

}
