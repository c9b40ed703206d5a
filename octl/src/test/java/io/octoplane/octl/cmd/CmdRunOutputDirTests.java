package io.octoplane.octl.cmd;

import java.nio.file.Files;
import java.nio.file.Path;

import io.octoplane.octl.StubBrainCommandTest;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.testsupport.api.ApiFixtures;
import io.octoplane.testsupport.api.StubBrain.Answer;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.octoplane.testsupport.api.ApiFixtures.failed;
import static io.octoplane.testsupport.api.ApiFixtures.job;
import static io.octoplane.testsupport.api.ApiFixtures.queued;
import static io.octoplane.testsupport.api.ApiFixtures.running;
import static io.octoplane.testsupport.api.ApiFixtures.succeeded;
import static io.octoplane.testsupport.api.SseScript.script;
import static org.assertj.core.api.Assertions.assertThat;

class CmdRunOutputDirTests extends StubBrainCommandTest {

	@TempDir
	Path dir;

	@Test
	void eachNodesResultLandsInItsOwnFilesAsItArrives() throws Exception {
		accept(queued("pi1"), queued("pi2"));
		this.brain.events(ApiFixtures.eventsPath(),
				script().event("node", running("pi1"))
					.event("node", succeeded("pi1", "up 3 days\n"))
					.event("node", failed("pi2", "no such file\n"))
					.event("done", job(succeeded("pi1", "up 3 days\n"), failed("pi2", "no such file\n"))));
		OctlRun run = this.octl.run(this.config, "cmd", "run", "uptime", "pi1", "pi2", "--output-dir",
				this.dir.resolve("out").toString());
		assertThat(run.exitCode()).isEqualTo(1);
		Path out = this.dir.resolve("out");
		assertThat(Files.readString(out.resolve("pi1.out"))).isEqualTo("up 3 days\n");
		assertThat(Files.readString(out.resolve("pi1.err"))).isEmpty();
		assertThat(Files.readString(out.resolve("pi2.err"))).isEqualTo("no such file\n");
		assertThat(Files.readString(out.resolve("pi1.json"))).contains("\"state\":\"succeeded\"")
			.contains("\"exit_code\":0");
		assertThat(Files.readString(out.resolve("pi2.json"))).contains("\"state\":\"failed\"");
	}

	@Test
	void appendAddsToTheFilesOfEarlierRuns() throws Exception {
		for (String uptime : new String[] { "up 1 day\n", "up 2 days\n" }) {
			accept(succeeded("pi1", uptime));
			OctlRun run = this.octl.run(this.config, "cmd", "run", "uptime", "pi1", "--output-dir", this.dir.toString(),
					"--append");
			assertThat(run.exitCode()).as(run.err()).isZero();
		}
		assertThat(Files.readString(this.dir.resolve("pi1.out"))).isEqualTo("up 1 day\nup 2 days\n");
		assertThat(Files.readAllLines(this.dir.resolve("pi1.json"))).hasSize(2);
	}

	@Test
	void withoutAppendARunReplacesTheFiles() throws Exception {
		for (String uptime : new String[] { "up 1 day\n", "up 2 days\n" }) {
			accept(succeeded("pi1", uptime));
			this.octl.run(this.config, "cmd", "run", "uptime", "pi1", "--output-dir", this.dir.toString());
		}
		assertThat(Files.readString(this.dir.resolve("pi1.out"))).isEqualTo("up 2 days\n");
	}

	@Test
	void appendWithoutOutputDirIsAUsageError() {
		OctlRun run = this.octl.run(this.config, "cmd", "run", "uptime", "pi1", "--append");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("--append applies to --output-dir");
	}

	private void accept(NodeCommandResult... results) {
		this.brain.answers("POST", ApiPaths.COMMANDS,
				Answer.json(202, job(results)).withHeader("Location", ApiFixtures.jobPath()));
	}

}
