package io.octoplane.octl.log;

import java.util.List;

import io.octoplane.octl.StubBrainCommandTest;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.LogResponse;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogGetCommandTests extends StubBrainCommandTest {

	private static final String PI1_LOGS = "/api/v1/nodes/pi1/logs";

	@Test
	void nodeLinesArePrintedAsPlainText() {
		this.brain.answerJson("GET", PI1_LOGS,
				new LogResponse("pi1", List.of("2026-12-05T08:00:00.000Z  INFO one", "\tat trace"), false));

		OctlRun run = this.octl.run(this.config, "log", "get", "pi1", "-l", "20", "-d", "2");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).isEqualTo("2026-12-05T08:00:00.000Z  INFO one\n\tat trace\n");
		assertThat(this.brain.lastRequest().query()).isEqualTo("lines=20&days=2");
	}

	@Test
	void brainLogWithDefaultsAsAJsonDocument() {
		this.brain.answerJson("GET", ApiPaths.BRAIN_LOGS, new LogResponse("brain", List.of("a", "b"), true));

		OctlRun run = this.octl.run(this.config, "log", "get", "brain", "-o", "json");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(this.brain.lastRequest().query()).isEqualTo("lines=100");
		assertThat(run.out()).contains("\"source\": \"brain\"").contains("\"truncated\": true");
		assertThat(run.err()).contains("older lines were left out");
	}

	@Test
	void offlineNodeExitsWithUnexpectedState() {
		this.brain.answerProblem("GET", PI1_LOGS, ErrorCode.NODE_OFFLINE, "node pi1 is offline");

		OctlRun run = this.octl.run(this.config, "log", "get", "pi1");

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("node pi1 is offline");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void linesAndDaysOutOfRangeAreUsageErrors() {
		OctlRun zero = this.octl.run(this.config, "log", "get", "pi1", "-l", "0");
		OctlRun tooMany = this.octl.run(this.config, "log", "get", "pi1", "--lines", "10001");
		OctlRun negative = this.octl.run(this.config, "log", "get", "pi1", "-d", "-1");

		assertThat(zero.exitCode()).isEqualTo(2);
		assertThat(zero.err()).contains("--lines must be between 1 and 10000");
		assertThat(tooMany.exitCode()).isEqualTo(2);
		assertThat(negative.exitCode()).isEqualTo(2);
		assertThat(negative.err()).contains("--days must be between 1 and 366");
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void helpShowsExamples() {
		OctlRun run = this.octl.run(this.config, "log", "get", "--help");

		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("octl log get pi1 -l 500").contains("--days");
	}

}
