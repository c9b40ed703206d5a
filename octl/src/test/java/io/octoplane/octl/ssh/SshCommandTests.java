package io.octoplane.octl.ssh;

import java.util.List;
import java.util.Map;

import io.octoplane.client.OctoplaneJson;
import io.octoplane.octl.Octl;
import io.octoplane.octl.StubBrainCommandTest;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.SshLogin;
import io.octoplane.protocol.api.SshLoginListResponse;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class SshCommandTests extends StubBrainCommandTest {

	@Test
	void setStoresTheLoginUnderTheNodesNameByDefault() {
		SshLogin login = new SshLogin("pi1", "pi1", "pi", 2222);
		this.brain.answerJson("PUT", ApiPaths.SSH_LOGIN.replace("{name}", "pi1"), login);
		OctlRun run = this.octl.run(this.config, "ssh", "set", "pi1", "--user", "pi", "--port", "2222", "-o", "table");
		assertThat(run.exitCode()).as(run.err()).isZero();
		JsonNode sent = OctoplaneJson.mapper().readTree(this.brain.lastRequest().body());
		assertThat(sent.path("name").asString()).isEqualTo("pi1");
		assertThat(sent.path("node").asString()).isEqualTo("pi1");
		assertThat(sent.path("user").asString()).isEqualTo("pi");
		assertThat(sent.path("port").asInt()).isEqualTo(2222);
		assertThat(run.out()).contains("NAME", "pi1", "2222");
	}

	@Test
	void lsPrintsATable() {
		this.brain.answerJson("GET", ApiPaths.SSH_LOGINS, new SshLoginListResponse(
				List.of(new SshLogin("pi1", "pi1", "pi", 22), new SshLogin("lab", "pi2", null, 2222))));
		OctlRun run = this.octl.run(this.config, "ssh", "ls", "-o", "table");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).isEqualTo("""
				NAME  NODE  USER  PORT
				pi1   pi1   pi    22
				lab   pi2   -     2222
				""");
	}

	@Test
	void loginOfAnUnknownNameExitsWithUnexpectedStateBeforeRunningSsh() {
		this.brain.answerProblem("GET", ApiPaths.SSH_LOGIN.replace("{name}", "nope"), ErrorCode.NOT_FOUND,
				"no such ssh login: nope");
		OctlRun run = this.octl.run(this.config, "ssh", "login", "nope");
		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("no such ssh login: nope");
	}

	@Test
	void proxyConnectsToThePortStoredBySet() {
		this.brain.answerJson("GET", ApiPaths.SSH_LOGIN.replace("{name}", "pi1"),
				new SshLogin("pi1", "pi1", "pi", 22022));
		this.brain.answerProblem("POST", ApiPaths.NODE_TUNNELS.replace("{name}", "pi1"), ErrorCode.NODE_OFFLINE,
				"node pi1 is offline");
		OctlRun run = this.octl.run(this.config, "ssh", "proxy", "pi1.fleet");
		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.out()).isEmpty();
		assertThat(tunnelRequest().path("port").asInt()).isEqualTo(22022);
	}

	@Test
	void proxyFollowsALoginNameToItsNode() {
		this.brain.answerJson("GET", ApiPaths.SSH_LOGIN.replace("{name}", "lab"),
				new SshLogin("lab", "pi2", null, 2222));
		this.brain.answerProblem("POST", ApiPaths.NODE_TUNNELS.replace("{name}", "pi2"), ErrorCode.NODE_OFFLINE,
				"node pi2 is offline");
		OctlRun run = this.octl.run(this.config, "ssh", "proxy", "lab");
		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(this.brain.lastRequest().path()).isEqualTo("/api/v1/nodes/pi2/tunnels");
		assertThat(tunnelRequest().path("port").asInt()).isEqualTo(2222);
	}

	@Test
	void proxyWithoutStoredLoginUsesPort22AndAnExplicitPortWins() {
		this.brain.answerProblem("GET", ApiPaths.SSH_LOGIN.replace("{name}", "pi1"), ErrorCode.NOT_FOUND,
				"no such ssh login: pi1");
		this.brain.answerProblem("POST", ApiPaths.NODE_TUNNELS.replace("{name}", "pi1"), ErrorCode.NODE_OFFLINE,
				"node pi1 is offline");
		assertThat(this.octl.run(this.config, "ssh", "proxy", "pi1").exitCode()).isEqualTo(3);
		assertThat(tunnelRequest().path("port").asInt()).isEqualTo(22);
		int before = this.brain.requests().size();
		assertThat(this.octl.run(this.config, "ssh", "proxy", "pi1", "--port", "2200").exitCode()).isEqualTo(3);
		assertThat(this.brain.requests()).hasSize(before + 1);
		assertThat(tunnelRequest().path("port").asInt()).isEqualTo(2200);
	}

	@Test
	void missingSubcommandIsAUsageError() {
		OctlRun run = this.octl.run(this.config, "ssh");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("octl ssh set|ls|del|login|proxy");
	}

	@Test
	void proxyCommandRunsTheSameOctlWithTheSameConfigAndQuotesEveryWord() {
		Octl octl = new Octl(Map.of("OCTL_COMMAND", "/opt/octo plane/bin/octl", "OCTL_CONFIG", "/etc/it's%.yaml"),
				this.dir);
		String line = SshLoginCommand.proxyCommand(octl, new SshLogin("pi1", "pi1", "pi", 2222));
		assertThat(line).isEqualTo("'/opt/octo plane/bin/octl' '--config' '/etc/it'\\''s%%.yaml' 'ssh' 'proxy' "
				+ "'pi1' '--port' '2222'");
	}

	@Test
	void withoutALauncherOctlRunsItselfWithThisJava() {
		Octl octl = new Octl(Map.of(), this.dir);
		assertThat(SshLoginCommand.self(octl).get(0)).endsWith("/bin/java");
	}

	private JsonNode tunnelRequest() {
		assertThat(this.brain.lastRequest().method()).isEqualTo("POST");
		return OctoplaneJson.mapper().readTree(this.brain.lastRequest().body());
	}

}
