package io.octoplane.brain.upgrade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.octoplane.brain.BrainIntegrationTest;
import io.octoplane.brain.security.ApiClient;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.upgrade.UpgradeHome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real brain told by its environment that a launcher started it as version 1.0.0 of an
 * upgrade home (the launcher itself is not running: the switch is tested end to end in
 * e2e's BrainUpgradeIT). Covers the health report, the API's answers and refusals, and
 * who may call it.
 */
class BrainUpgradeIT extends BrainIntegrationTest {

	private static final Path HOME = home();

	@LocalServerPort
	int port;

	@Autowired
	WorkgroupService workgroups;

	@DynamicPropertySource
	static void launchedBy(DynamicPropertyRegistry registry) {
		registry.add(UpgradeHome.HOME_ENV, HOME::toString);
		registry.add(UpgradeHome.VERSION_ENV, () -> "1.0.0");
	}

	@BeforeEach
	void releasesInstalled() throws Exception {
		UpgradeHome home = new UpgradeHome(HOME);
		if (home.stable().isEmpty()) {
			Path jar = Files.writeString(HOME.resolve("brain-1.0.0.jar"), "brain 1.0.0");
			assertThat(BrainUpgradeCommand
				.run(new String[] { "--home", HOME.toString(), "init", "1.0.0", jar.toString() })).isZero();
		}
		Files.writeString(home.release("2.0.0"), "brain 2.0.0");
	}

	@Test
	void reportsItselfHealthyOnceReady() throws Exception {
		UpgradeHome home = new UpgradeHome(HOME);
		await().atMost(Duration.ofSeconds(30)).until(() -> home.healthy().equals(Optional.of("1.0.0")));
		String state = api().get("/api/v1/brain/upgrade").body();
		assertThat(state).contains("\"brain\":\"test-brain\"", "\"running\":\"1.0.0\"", "\"stable\":\"1.0.0\"",
				"\"healthy\":\"1.0.0\"", "\"installed\":[\"1.0.0\",\"2.0.0\"]");
	}

	@Test
	void upgradePutsTheVersionOnTrialUntilCancelledAndIsAudited() throws Exception {
		var upgraded = api().post("/api/v1/brain/upgrade", "{\"action\":\"upgrade\",\"version\":\"2.0.0\"}");
		assertThat(upgraded.statusCode()).as(upgraded.body()).isEqualTo(200);
		assertThat(upgraded.body()).contains("\"restarting\":true", "\"preview\":\"2.0.0\"",
				"restarts as 2.0.0 (preview)");
		var again = api().post("/api/v1/brain/upgrade", "{\"action\":\"downgrade\",\"version\":\"1.0.0\"}");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("\"code\":\"conflict\"", "2.0.0 is on trial");
		var early = api().post("/api/v1/brain/upgrade", "{\"action\":\"confirm\"}");
		assertThat(early.statusCode()).isEqualTo(409);
		assertThat(early.body()).contains("2.0.0 has not reported itself ready yet; confirm after it has");
		var cancelled = api().post("/api/v1/brain/upgrade", "{\"action\":\"cancel\"}");
		assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
		assertThat(cancelled.body()).contains("\"preview\":null", "goes back to 1.0.0");
		assertThat(api().get("/api/v1/brain/upgrade/history").body()).contains(" upgrade 2.0.0", " cancel 2.0.0");
		assertThat(api().get("/api/v1/audit?limit=20").body()).contains("\"detail\":\"brain upgrade 2.0.0\"",
				"\"detail\":\"brain cancel\"");
	}

	@Test
	void cleanRemovesVersionsNothingRunsAndIsAudited() throws Exception {
		UpgradeHome home = new UpgradeHome(HOME);
		Files.writeString(home.release("0.9.0"), "brain 0.9.0");
		var cleaned = api().post("/api/v1/brain/upgrade", "{\"action\":\"clean\"}");
		assertThat(cleaned.statusCode()).as(cleaned.body()).isEqualTo(200);
		assertThat(cleaned.body()).contains("removed 0.9.0, 2.0.0", "\"installed\":[\"1.0.0\"]");
		assertThat(home.installedVersions()).containsExactly("1.0.0");
		assertThat(api().post("/api/v1/brain/upgrade", "{\"action\":\"clean\",\"version\":\"1.0.0\"}").body())
			.contains("\"code\":\"invalid-request\"", "clean takes no version");
		assertThat(api().get("/api/v1/audit?limit=20").body()).contains("\"detail\":\"brain clean\"");
	}

	@Test
	void historyShowsTheWindowAskedFor() throws Exception {
		UpgradeHome home = new UpgradeHome(HOME);
		home.record(Instant.parse("2030-01-01T00:00:00Z"), "install", "3.0.0", "");
		home.record(Instant.parse("2030-01-02T00:00:00Z"), "install", "3.1.0", "");
		String last = api().get("/api/v1/brain/upgrade/history?limit=1").body();
		assertThat(last).contains("2030-01-02T00:00:00Z install 3.1.0").doesNotContain("3.0.0");
		String since = api().get("/api/v1/brain/upgrade/history?since=2030-01-01T00:00:00Z&limit=1").body();
		assertThat(since).contains("2030-01-01T00:00:00Z install 3.0.0").doesNotContain("3.1.0");
		var badLimit = api().get("/api/v1/brain/upgrade/history?limit=0");
		assertThat(badLimit.statusCode()).isEqualTo(400);
		assertThat(badLimit.body()).contains("\"code\":\"invalid-request\"", "limit must be positive");
		var badTime = api().get("/api/v1/brain/upgrade/history?since=yesterday");
		assertThat(badTime.statusCode()).isEqualTo(400);
		assertThat(badTime.body()).contains("\"code\":\"invalid-request\"");
	}

	@Test
	void installWithoutNameserverIsRefusedClearly() throws Exception {
		var install = api().post("/api/v1/brain/upgrade", "{\"action\":\"install\",\"version\":\"3.0.0\"}");
		assertThat(install.statusCode()).isEqualTo(409);
		assertThat(install.body()).contains("\"code\":\"conflict\"",
				"no nameserver (octoplane.nameserver.url) to download releases from");
	}

	@Test
	void badActionsAndVersionsAreInvalidRequests() throws Exception {
		assertThat(api().post("/api/v1/brain/upgrade", "{\"action\":\"explode\"}").body())
			.contains("\"code\":\"invalid-request\"", "unknown action 'explode'");
		assertThat(api().post("/api/v1/brain/upgrade", "{\"action\":\"upgrade\",\"version\":\"../../etc\"}").body())
			.contains("\"code\":\"invalid-request\"", "is not a version");
		assertThat(api().post("/api/v1/brain/upgrade", "{\"action\":\"upgrade\"}").body())
			.contains("upgrade needs a version");
	}

	@Test
	void operatorsBelowTheRootGetNotFound() throws Exception {
		this.workgroups.enroll("/uplab", "upnode1");
		ApiClient lab = api().actingIn("/uplab");
		var state = lab.get("/api/v1/brain/upgrade");
		assertThat(state.statusCode()).isEqualTo(404);
		assertThat(state.body()).contains("\"code\":\"not-found\"", "No static resource api/v1/brain/upgrade.")
			.doesNotContain("1.0.0");
		assertThat(lab.get("/api/v1/brain/nothing").body()).as("the same words as for a path that does not exist")
			.contains("No static resource api/v1/brain/nothing.");
		var upgrade = lab.post("/api/v1/brain/upgrade", "{\"action\":\"upgrade\",\"version\":\"2.0.0\"}");
		assertThat(upgrade.statusCode()).isEqualTo(404);
		assertThat(new UpgradeHome(HOME).preview()).isEmpty();
		assertThat(lab.get("/api/v1/brain/upgrade/history").statusCode()).isEqualTo(404);
	}

	private ApiClient api() throws Exception {
		return ApiClient.operator(certs, this.port);
	}

	private static Path home() {
		try {
			return Files.createTempDirectory("octoplane-brain-upgrade-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
