package io.octoplane.octl.scen;

import java.nio.file.Files;
import java.nio.file.Path;

import io.octoplane.octl.StubBrainCommandTest;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.testsupport.api.StubBrain.Answer;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScenApplyCommandTests extends StubBrainCommandTest {

	@Test
	void applyCutOffByADyingBrainSaysWhatToLookAtAndWhenToApplyAgain() throws Exception {
		Path folder = Files.createDirectories(this.dir.resolve("web"));
		Files.writeString(folder.resolve("deployment.yaml"), "name: web\n");
		this.brain.storesBlobs();
		this.brain.answers("POST", ApiPaths.SCENARIO_APPLY.replace("{name}", "web"), Answer.hangUp());
		this.brain.answer("GET", ApiPaths.INFO, 401, "application/problem+json", "{}");
		OctlRun run = this.octl.run(this.config, "scen", "apply", folder.toString());
		assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
		assertThat(run.err()).startsWith("octl: error: the apply of scenario web was cut off before the brain answered")
			.contains("scripts may have run on some nodes", "`octl scen version web`", "octoplane.scenario.lock-lease")
			.doesNotContain("check ca");
	}

}
