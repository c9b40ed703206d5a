package io.octoplane.octl.file;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import io.octoplane.client.OctoplaneJson;
import io.octoplane.octl.StubBrainCommandTest;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.BlobResponse;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.digest.Sha256;
import io.octoplane.protocol.file.FileListing;
import io.octoplane.testsupport.api.ApiFixtures;
import io.octoplane.testsupport.api.StubBrain.Answer;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;

import static io.octoplane.testsupport.api.ApiFixtures.expired;
import static io.octoplane.testsupport.api.ApiFixtures.job;
import static io.octoplane.testsupport.api.ApiFixtures.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

class FileCommandTests extends StubBrainCommandTest {

	@Test
	void lsTableHasAHeaderAlignedColumnsAndAFinalNewline() {
		FileListing listing = new FileListing("/var/log",
				List.of(new FileListing.Entry("syslog", "file", 123456, "rw-r-----", "2026-12-01T10:00:00Z"),
						new FileListing.Entry("apt", "directory", 4096, "rwxr-xr-x", "2026-11-30T08:00:00Z")),
				false);
		listed(job(succeeded("pi1", OctoplaneJson.mapper().writeValueAsString(listing))));
		OctlRun run = this.octl.run(this.config, "file", "ls", "/var/log", "pi1", "-o", "table");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).isEqualTo("""
				MODE       TYPE       SIZE    MODIFIED              NAME
				rw-r-----  file       123456  2026-12-01T10:00:00Z  syslog
				rwxr-xr-x  directory  4096    2026-11-30T08:00:00Z  apt
				""");
	}

	@Test
	void lsOfAnOfflineNodeNamesNoOptionItDoesNotHave() {
		listed(job(expired("pi1")));
		OctlRun run = this.octl.run(this.config, "file", "ls", "@log", "pi1");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).isEqualTo("octl: error: cannot list @log: node pi1 (expired): node is offline\n")
			.doesNotContain("wait");
	}

	@Test
	void downloadFromTheBrainReportsTheBlobsSize() throws Exception {
		String content = "x".repeat(300_000);
		String sha256 = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256")
				.digest(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		this.brain.answer("GET", ApiPaths.FILE_BLOB.replace("{sha256}", sha256), 200, "application/octet-stream",
				content);
		Path into = Files.createDirectories(this.dir.resolve("into"));
		OctlRun run = this.octl.run(this.config, "file", "download", sha256, into.toString(), "brain");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.json().path("size_bytes").asLong()).isEqualTo(300_000);
		assertThat(into.resolve(sha256)).hasSize(300_000);
		OctlRun table = this.octl.run(this.config, "file", "download", sha256, this.dir.resolve("again").toString(),
				"brain", "-o", "table");
		assertThat(table.out()).startsWith("PATH ").contains(" 300000 ").endsWith(sha256 + "\n");
	}

	@Test
	void uploadCutOffByADyingBrainSaysWhereItStoppedAndThatRepeatingIsSafe() throws Exception {
		Path local = Files.writeString(this.dir.resolve("app.conf"), "a=1\n");
		this.brain.answers("POST", ApiPaths.FILE_BLOBS, Answer.json(201, new BlobResponse(Sha256.of("a=1\n"), 4)));
		this.brain.answers("POST", ApiPaths.FILE_UPLOADS, Answer.hangUp());
		this.brain.answer("GET", ApiPaths.INFO, 401, "application/problem+json", "{}");
		OctlRun run = this.octl.run(this.config, "file", "upload", local.toString(), "@workspace", "pi1");
		assertThat(run.exitCode()).isEqualTo(4);
		assertThat(run.err())
			.contains("the upload of " + local + " was cut off before the brain answered", "broke before it answered",
					"the brain may have started sending it to nodes (`octl job list`", "Uploading again is safe")
			.doesNotContain("TLS", "check ca");
	}

	private void listed(JobResponse done) {
		this.brain.answers("POST", ApiPaths.FILE_LISTINGS,
				Answer.json(202, done).withHeader("Location", ApiFixtures.jobPath()));
	}

}
