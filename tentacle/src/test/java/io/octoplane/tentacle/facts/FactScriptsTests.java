package io.octoplane.tentacle.facts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class FactScriptsTests {

	@TempDir
	Path dir;

	@Test
	void aScriptsKeyValueLinesBecomeFacts() throws IOException {
		script("rack.sh", "echo '# where it stands'\necho rack=a1\necho\necho 'room = 2.14'\n");
		FactScripts.Output output = run(Duration.ofSeconds(10), 1000);
		assertThat(output.facts()).isEqualTo(Map.of("rack", "a1", "room", "2.14"));
		assertThat(output.errors()).isEmpty();
	}

	@Test
	void aSlowScriptIsStoppedAndReportedWhileTheOthersStillCount() throws IOException {
		script("a-slow.sh", "echo early=1\nsleep 30\n");
		script("b-fast.sh", "echo fast=yes\n");
		long started = System.nanoTime();
		FactScripts.Output output = run(Duration.ofMillis(500), 1000);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
		assertThat(output.facts()).isEqualTo(Map.of("fast", "yes"));
		assertThat(output.errors()).containsEntry("a-slow.sh", "timed out after 500ms");
	}

	@Test
	void aFailingScriptIsReportedNotThrown() throws IOException {
		script("broken.sh", "echo half=1\nexit 3\n");
		FactScripts.Output output = run(Duration.ofSeconds(10), 1000);
		assertThat(output.facts()).isEmpty();
		assertThat(output.errors()).containsEntry("broken.sh", "exited with status 3");
	}

	@Test
	void anOversizedOutputIsRefusedWhole() throws IOException {
		script("chatty.sh", "i=0; while [ $i -lt 200 ]; do echo k$i=vvvvvvvvvv; i=$((i+1)); done\n");
		FactScripts.Output output = run(Duration.ofSeconds(10), 1000);
		assertThat(output.facts()).isEmpty();
		assertThat(output.errors().get("chatty.sh")).contains("more than the limit of 1000 bytes");
	}

	@Test
	void aBadLineIsReportedWithItsNumber() throws IOException {
		script("odd.sh", "echo ok=1\necho 'not a fact'\n");
		FactScripts.Output output = run(Duration.ofSeconds(10), 1000);
		assertThat(output.facts()).isEmpty();
		assertThat(output.errors().get("odd.sh")).startsWith("line 2 is not name=value");
	}

	@Test
	void hiddenAndNonExecutableFilesAreSkipped() throws IOException {
		script(".hidden.sh", "echo hidden=1\n");
		Files.writeString(this.dir.resolve("README"), "rack=no\n");
		assertThat(run(Duration.ofSeconds(10), 1000).facts()).isEmpty();
	}

	@Test
	void noFolderMeansNoFacts() {
		FactScripts none = new FactScripts(null, Duration.ofSeconds(1), 10, this.dir.resolve("scratch"));
		assertThat(none.run().facts()).isEmpty();
		FactScripts missing = new FactScripts(this.dir.resolve("missing"), Duration.ofSeconds(1), 10,
				this.dir.resolve("scratch"));
		assertThat(missing.run().errors()).isEmpty();
	}

	private FactScripts.Output run(Duration timeout, int maxBytes) {
		return new FactScripts(this.dir, timeout, maxBytes, this.dir.resolve(".scratch")).run();
	}

	private void script(String name, String body) throws IOException {
		Path file = this.dir.resolve(name);
		Files.writeString(file, "#!/bin/sh\n" + body);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

}
