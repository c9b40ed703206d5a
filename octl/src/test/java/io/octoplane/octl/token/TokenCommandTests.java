package io.octoplane.octl.token;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.octoplane.octl.StubBrainCommandTest;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.TokenListResponse;
import io.octoplane.protocol.api.TokenResponse;
import io.octoplane.testsupport.api.StubBrain.Answer;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCommandTests extends StubBrainCommandTest {

	private static final String SECRET = "oct_9f8e7d6c5b4a";

	private static final Instant EXPIRES = Instant.parse("2026-11-22T11:15:30Z");

	@Test
	void createPostsTheRequestAndPrintsTheSecret() {
		this.brain.answers("POST", ApiPaths.TOKENS, Answer.json(201, created("node", 20)));
		OctlRun run = this.octl.run(this.config, "token", "create", "--role", "node", "--ttl", "1h", "--uses", "20",
				"--description", "rack 4");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(this.brain.lastRequest().body()).contains("\"role\":\"node\"", "\"ttl_seconds\":3600", "\"uses\":20",
				"\"description\":\"rack 4\"");
		assertThat(run.json().get("token").asString()).isEqualTo(SECRET);
		assertThat(run.json().get("id").asString()).isEqualTo("t1");
		assertThat(run.json().get("uses_left").asInt()).isEqualTo(20);
	}

	@Test
	void createTakesTheBrainsLongestTtlInDays() {
		this.brain.answers("POST", ApiPaths.TOKENS, Answer.json(201, created("node", 20)));
		OctlRun run = this.octl.run(this.config, "token", "create", "--role", "node", "--ttl", "30d");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(this.brain.lastRequest().body()).contains("\"ttl_seconds\":2592000");
	}

	@Test
	void createRefusesABadTtlNamingTheForms() {
		OctlRun run = this.octl.run(this.config, "token", "create", "--role", "node", "--ttl", "a month");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("'a month' is not a duration: write 500ms, 10s, 2m, 1h, 7d");
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void createTableShowsTheSecretOnceWithANote() {
		this.brain.answers("POST", ApiPaths.TOKENS, Answer.json(201, created("operator", null)));
		OctlRun run = this.octl.run(this.config, "token", "create", "--role", "operator", "--ttl", "12h", "-o",
				"table");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out())
			.startsWith("ID  ROLE      WORKGROUP  EXPIRES               USES_LEFT  DESCRIPTION\n"
					+ "t1  operator  /lab       2026-11-22T11:15:30Z  -          ci\n")
			.contains("\nTOKEN: " + SECRET + "\nSave it now: it cannot be shown again");
		assertThat(run.out().split(SECRET, -1)).hasSize(2);
		assertThat(run.err()).isEmpty();
	}

	@Test
	void createRefusesAnUnknownRoleLocally() {
		OctlRun run = this.octl.run(this.config, "token", "create", "--role", "admin", "--ttl", "1h");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("--role must be operator or node");
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void listAndRevoke() {
		TokenResponse listed = new TokenResponse("t1", null, "operator", "/lab", EXPIRES, null, "ci", "alice");
		this.brain.answerJson("GET", ApiPaths.TOKENS, new TokenListResponse(List.of(listed)))
			.answers("DELETE", "/api/v1/tokens/t1", new Answer(204, "application/json", "", Map.of()));
		OctlRun list = this.octl.run(this.config, "token", "list", "-o", "table");
		assertThat(list.out()).isEqualTo("ID  ROLE      WORKGROUP  EXPIRES               USES_LEFT  CREATED_BY  "
				+ "DESCRIPTION\nt1  operator  /lab       2026-11-22T11:15:30Z  -          alice       ci\n");
		OctlRun revoke = this.octl.run(this.config, "token", "revoke", "t1");
		assertThat(revoke.exitCode()).as(revoke.err()).isZero();
		assertThat(revoke.out()).isEmpty();
		assertThat(this.brain.lastRequest().method()).isEqualTo("DELETE");
		assertThat(this.brain.lastRequest().path()).isEqualTo("/api/v1/tokens/t1");
	}

	private static TokenResponse created(String role, Integer uses) {
		return new TokenResponse("t1", SECRET, role, "/lab", EXPIRES, uses, "operator".equals(role) ? "ci" : "rack 4",
				"alice");
	}

}
