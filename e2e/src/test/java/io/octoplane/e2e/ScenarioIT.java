package io.octoplane.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.octoplane.brain.agent.AgentServer;
import io.octoplane.certs.PemPair;
import io.octoplane.client.OctoplaneApiException;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.e2e.support.InProcessBrainTest;
import io.octoplane.octl.config.OctlConfig;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.tentacle.Tentacle;
import io.octoplane.tentacle.config.BrainAddress;
import io.octoplane.tentacle.config.TentacleConfig;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Scenarios end to end: a real brain, two real tentacles and octl apply a two-app
 * scenario through its whole life, and refuse broken scenario folders before anything
 * runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScenarioIT extends InProcessBrainTest {

	@TempDir
	static Path work;

	@LocalServerPort
	int port;

	@Autowired
	AgentServer agentServer;

	private final List<Tentacle> tentacles = new ArrayList<>();

	private Path octlConfig;

	@DynamicPropertySource
	static void scenarioProperties(DynamicPropertyRegistry registry) throws IOException {
		// The context starts before @TempDir is set;
		// versions of earlier runs must not count.
		Path data = Files.createTempDirectory("octoplane-scenario-it-");
		registry.add("octoplane.brain.data-dir", data::toString);
	}

	@BeforeAll
	void startFleet() throws Exception {
		for (String name : List.of("node1", "node2", "node3")) {
			PemPair pair = certs.node(name);
			TentacleConfig config = TentacleConfig
				.of(new BrainAddress("localhost", this.agentServer.port()), pair.certificate(), pair.privateKey(),
						certs.caCert(), work.resolve(name))
				.withTimings(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5))
				.withScriptEnv(Map.of("SITE", "lab-" + name));
			Tentacle tentacle = new Tentacle(config, Clock.systemUTC());
			this.tentacles.add(tentacle);
			tentacle.start();
			assertThat(tentacle.awaitConnected(Duration.ofSeconds(20))).as(name + " connected").isTrue();
		}
		this.octlConfig = OperatorOctlConfig.write(work, certs, "https://127.0.0.1:" + this.port, "timeout: 30s");
	}

	@AfterAll
	void stopFleet() {
		this.tentacles.forEach(Tentacle::close);
	}

	@Test
	void scenarioLivesThroughPrepareStartCustomStopCommitResetAndPurge() throws Exception {
		Path folder = shop("shop", "['node1']", "true");
		Path web1 = work.resolve("node1/web@shop");
		Path web2 = work.resolve("node2/web@shop");
		Path db1 = work.resolve("node1/db@shop");

		OctlRun apply = octl("scen", "apply", folder.toString(), "-m", "first");
		assertThat(apply.exitCode()).as(apply.err() + apply.out()).isZero();
		String versionA = apply.json().get("version").asString();
		// Sources shipped before any script; .gitignore honoured.
		assertThat(web1.resolve("index.html")).hasContent("hello");
		assertThat(web2.resolve("index.html")).hasContent("hello");
		assertThat(web1.resolve("notes.tmp")).doesNotExist();
		// db (order 1) before web (order 2) within a target; prepare before start.
		List<String> node1 = lines(work.resolve("node1/shop.log"));
		assertThat(node1).hasSize(4);
		assertThat(node1.subList(0, 2)).containsExactly("prepare db 1", "prepare web 2");
		// Same order: run in parallel, either may finish writing first.
		assertThat(node1.subList(2, 4)).containsExactlyInAnyOrder("start db 1", "start web 1");
		assertThat(lines(work.resolve("node2/shop.log"))).containsExactly("prepare web 2", "start web 1");
		// The environment Octopoda scripts rely on, plus the tentacle's own variables.
		assertThat(lines(web2.resolve("env.txt"))).containsExactly("node=node2", "dir=" + web2, "file=prepare.sh",
				"app=web", "scenario=shop", "workspace=" + work.resolve("node2"), "output-set=yes", "site=lab-node2",
				"fstore-dir=yes", "log-dir=yes", "pakma-dir=yes", "root=" + System.getProperty("user.home"));
		// What a script wrote to $OCTOPODA_OUTPUT comes back, and its stdout too.
		JsonNode start = step(apply.json(), "start", "web");
		assertThat(start.get("nodes")).hasSize(2);
		for (JsonNode node : start.get("nodes")) {
			assertThat(node.get("output").asString()).isEqualTo("web started on " + node.get("node").asString() + "\n");
			assertThat(node.get("stdout").asString()).contains("web start stdout");
		}

		OctlRun backup = octl("scen", "apply", folder.toString(), "backup", "-m", "nightly");
		assertThat(backup.exitCode()).as(backup.err()).isZero();
		assertThat(db1.resolve("backup.txt")).hasContent("backup of db");

		OctlRun stop = octl("scen", "apply", folder.toString(), "stop");
		assertThat(stop.exitCode()).as(stop.err()).isZero();
		assertThat(lines(work.resolve("node1/shop.log"))).endsWith("backup db 5", "stop web 1", "stop db 2");

		OctlRun commitB = octl("scen", "apply", folder.toString(), "commit", "-m", "after backup");
		assertThat(commitB.exitCode()).as(commitB.err()).isZero();
		String versionB = commitB.json().get("version").asString();
		assertThat(versionB).isNotEqualTo(versionA);

		Files.writeString(folder.resolve("web/src/index.html"), "hello again");
		OctlRun prepareC = octl("scen", "apply", folder.toString(), "prepare", "-m", "new page");
		assertThat(prepareC.exitCode()).as(prepareC.err()).isZero();
		assertThat(web1.resolve("index.html")).hasContent("hello again");

		// Real git reads what JGit wrote.
		assertThat(git(db1, "log", "--format=%s")).containsExactly("prepare: new page", "commit: after backup",
				"prepare: first");
		assertThat(git(db1, "status", "--porcelain")).isEmpty();

		OctlRun versions = octl("scen", "version", "shop");
		assertThat(versions.exitCode()).as(versions.err()).isZero();
		assertThat(versions.json().get("total").asInt()).isEqualTo(3);
		assertThat(versions.json().get("versions").get(2).get("id").asString()).isEqualTo(versionA);

		OctlRun shortPrefix = octl("scen", "reset", "shop", "-v", "ab", "-m", "too short");
		assertThat(shortPrefix.exitCode()).isEqualTo(2);
		assertThat(shortPrefix.err()).contains("3 to 40 hexadecimal characters");

		OctlRun reset = octl("scen", "reset", "shop", "-v", versionA.substring(0, 7), "-m", "back to the start");
		assertThat(reset.exitCode()).as(reset.err() + reset.out()).isZero();
		// Files of A on every nodeapp, history kept: A -> B -> C -> A.
		assertThat(db1.resolve("backup.txt")).doesNotExist();
		assertThat(web1.resolve("index.html")).hasContent("hello");
		assertThat(web2.resolve("index.html")).hasContent("hello");
		List<String> dbLog = git(db1, "log", "--format=%s");
		assertThat(dbLog).hasSize(4);
		assertThat(dbLog.get(0)).startsWith("reset to");
		assertThat(git(db1, "rev-parse", "HEAD^{tree}"))
			.isEqualTo(git(db1, "rev-parse", versionOf(versionsJson(), "db@node1", 3) + "^{tree}"));
		JsonNode after = versionsJson();
		assertThat(after.get("total").asInt()).isEqualTo(4);
		assertThat(after.get("versions").get(0).get("message").asString())
			.startsWith("reset to " + versionA.substring(0, 10));

		OctlRun get = octl("scen", "get", "shop");
		assertThat(get.exitCode()).as(get.err()).isZero();
		assertThat(get.json().get("version").asString()).isEqualTo(after.get("versions").get(0).get("id").asString());

		OctlRun napps = octl("napp", "get", "node1");
		assertThat(napps.exitCode()).as(napps.err()).isZero();
		List<String> names = new ArrayList<>();
		napps.json().get("nodeapps").forEach((napp) -> names.add(napp.get("nodeapp").asString()));
		// Other classes share this brain and its Redis, and deploy their own scenarios to
		// node1 too.
		assertThat(names).filteredOn((name) -> name.endsWith("@shop")).containsExactlyInAnyOrder("db@shop", "web@shop");
		OctlRun nappLog = octl("napp", "version", "node1", "web@shop");
		assertThat(nappLog.exitCode()).as(nappLog.err()).isZero();
		assertThat(nappLog.json().get("versions")).hasSize(3);
		String newPage = nappLog.json().get("versions").get(1).get("id").asString();
		OctlRun nappReset = octl("napp", "reset", "node1", "web@shop", "-v", newPage.substring(0, 8), "-m",
				"only here");
		assertThat(nappReset.exitCode()).as(nappReset.err()).isZero();
		assertThat(web1.resolve("index.html")).hasContent("hello again");
		assertThat(web2.resolve("index.html")).hasContent("hello");

		OctlRun audit = octl("audit");
		assertThat(audit.exitCode()).as(audit.err()).isZero();
		assertThat(audit.out()).contains("POST /api/v1/scenarios/shop/reset")
			.contains("POST /api/v1/nodes/node1/nodeapps/web%40shop/reset")
			.contains("scenario:shop");

		OctlRun purge = octl("scen", "apply", folder.toString(), "purge", "-m", "done");
		assertThat(purge.exitCode()).as(purge.err()).isZero();
		assertThat(web1).doesNotExist();
		assertThat(web2).doesNotExist();
		assertThat(db1).doesNotExist();
		assertThat(lines(work.resolve("node1/shop.log"))).contains("purge db 1", "purge web 1");
	}

	@Test
	void exampleHelloWorldRunsOnTheQuickStartNodes() throws Exception {
		Path example = Path.of("..", "deploy", "examples", "helloWorld").toAbsolutePath().normalize();
		OctlRun apply = octl("scen", "apply", example.toString(), "-m", "example");
		assertThat(apply.exitCode()).as(apply.err() + apply.out()).isZero();
		assertThat(work.resolve("node2/helloPrinter@helloWorld/greeting.txt")).hasContent("Hello, world, from node2");
		assertThat(work.resolve("node3/helloEcho@helloWorld/started.at")).exists();
		OctlRun status = octl("scen", "apply", example.toString(), "status");
		assertThat(status.exitCode()).as(status.err()).isZero();
		assertThat(step(status.json(), "status", "helloPrinter").get("nodes").get(0).get("output").asString())
			.startsWith("Hello, world, from node");
		OctlRun purge = octl("scen", "apply", example.toString(), "purge", "-m", "example done");
		assertThat(purge.exitCode()).as(purge.err()).isZero();
		assertThat(work.resolve("node1/helloPrinter@helloWorld")).doesNotExist();
	}

	@Test
	void failingScriptStopsTheTargetAndNamesNodeScriptExitCodeAndOutput() throws Exception {
		Path folder = shop("broken", "['node1']",
				"if [ \"$OCTOPODA_NODENAME\" = node2 ]; then echo disk full >&2; echo no space > \"$OCTOPODA_OUTPUT\"; exit 3; fi");
		OctlRun apply = octl("scen", "apply", folder.toString(), "-m", "try");
		assertThat(apply.exitCode()).isEqualTo(1);
		assertThat(apply.err()).contains("prepare prepare.sh of app web")
			.contains("node node2")
			.contains("exit code 3")
			.contains("no space")
			.contains("disk full");
		assertThat(apply.json().get("succeeded").asBoolean()).isFalse();
		assertThat(apply.json().has("version")).isFalse();
		// Stopped at that step: start never ran anywhere.
		assertThat(lines(work.resolve("node1/broken.log"))).containsExactly("prepare db 1", "prepare web 2");
		assertThat(octl("scen", "get", "broken").exitCode()).isEqualTo(3);
	}

	@Test
	void workgroupSeesOnlyItsNodesAndItsScenarios() throws Exception {
		OctlRun add = octl("wg", "add", "/scen-lab", "node1");
		assertThat(add.exitCode()).as(add.err()).isZero();
		Path labConfig = Files.writeString(work.resolve("octl-lab.yaml"),
				Files.readString(this.octlConfig) + "workgroup: /scen-lab\n");
		Path folder = shop("labshop", "['node1']", "true");
		// node2 exists but is not the workgroup's: answered
		// exactly like a node that does not exist.
		OctlRun hidden = InProcessOctl.run(labConfig, work, "scen", "apply", folder.toString());
		assertThat(hidden.exitCode()).isEqualTo(3);
		assertThat(hidden.err()).contains("applications[0].nodes: no such node node2");
		assertThat(work.resolve("node1/db@labshop")).doesNotExist();

		Path mine = shop("labonly", "['node1']", "true");
		Files.writeString(mine.resolve("deployment.yaml"),
				Files.readString(mine.resolve("deployment.yaml")).replace("['node1', 'node2']", "['node1']"));
		OctlRun apply = InProcessOctl.run(labConfig, work, "scen", "apply", mine.toString(), "-m", "lab");
		assertThat(apply.exitCode()).as(apply.err()).isZero();
		assertThat(InProcessOctl.run(labConfig, work, "scen", "get", "labonly").exitCode()).isZero();
		// The root workgroup did not apply it, so it does not have it.
		OctlRun rootView = octl("scen", "get", "labonly");
		assertThat(rootView.exitCode()).isEqualTo(3);
		assertThat(rootView.err()).contains("no scenario labonly");
		assertThat(InProcessOctl.run(labConfig, work, "napp", "get", "node2").err()).contains("no such node node2");
	}

	@Test
	void scenarioFolderIsPushedToAndClonedFromTheScenarioRemote() throws Exception {
		Path remotes = Files.createDirectories(work.resolve("remotes"));
		git(remotes, "init", "--bare", "-b", "main", "repoShop.git");
		Path config = Files.writeString(work.resolve("octl-repo.yaml"),
				Files.readString(this.octlConfig) + "scenarioRemote: " + remotes + "\n");
		Path folder = shop("repoShop", "['node1']", "true");

		OctlRun push = InProcessOctl.run(config, work, "scen", "repo", "push", "repoShop", "--dir", folder.toString(),
				"-m", "shared");
		assertThat(push.exitCode()).as(push.err()).isZero();
		assertThat(git(remotes.resolve("repoShop.git"), "log", "--format=%s")).containsExactly("shared");
		// .gitignore holds in the remote too.
		assertThat(git(remotes.resolve("repoShop.git"), "ls-tree", "-r", "--name-only", "main"))
			.contains("deployment.yaml", "web/src/index.html")
			.doesNotContain("web/src/notes.tmp");

		Path clone = work.resolve("clones/repoShop");
		OctlRun cloned = InProcessOctl.run(config, work, "scen", "repo", "clone", "repoShop", "--dir",
				clone.toString());
		assertThat(cloned.exitCode()).as(cloned.err()).isZero();
		assertThat(clone.resolve("deployment.yaml")).hasSameTextualContentAs(folder.resolve("deployment.yaml"));

		Files.writeString(clone.resolve("web/src/index.html"), "changed in the clone");
		OctlRun pushAgain = InProcessOctl.run(config, work, "scen", "repo", "push", "repoShop", "--dir",
				clone.toString(), "-m", "from the clone");
		assertThat(pushAgain.exitCode()).as(pushAgain.err()).isZero();
		assertThat(git(remotes.resolve("repoShop.git"), "log", "--format=%s")).containsExactly("from the clone",
				"shared");

		// The first folder is behind now: its push is refused, not forced.
		Files.writeString(folder.resolve("web/src/index.html"), "diverged");
		OctlRun behind = InProcessOctl.run(config, work, "scen", "repo", "push", "repoShop", "--dir", folder.toString(),
				"-m", "diverged");
		assertThat(behind.exitCode()).isEqualTo(3);
		assertThat(behind.err()).contains("refused");

		OctlRun noRemote = octl("scen", "repo", "clone", "repoShop", "--dir", work.resolve("clones/x").toString());
		assertThat(noRemote.exitCode()).isEqualTo(2);
		assertThat(noRemote.err()).contains("no scenarioRemote");
	}

	@Test
	void offlineNodeGetsAnHonestResultAndNothingRunsAfter() throws Exception {
		PemPair pair = certs.node("node4");
		Tentacle node4 = new Tentacle(
				TentacleConfig
					.of(new BrainAddress("localhost", this.agentServer.port()), pair.certificate(), pair.privateKey(),
							certs.caCert(), work.resolve("node4"))
					.withTimings(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5)),
				Clock.systemUTC());
		node4.start();
		assertThat(node4.awaitConnected(Duration.ofSeconds(20))).isTrue();
		node4.close();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> assertThat(octl("node", "get", "node4").json().get("nodes").get(0).get("state").asString())
						.isEqualTo("offline"));

		Path folder = shop("offline", "['node4']", "true");
		OctlRun apply = octl("scen", "apply", folder.toString(), "-m", "node4 is down");
		assertThat(apply.exitCode()).isEqualTo(1);
		assertThat(apply.err()).contains("of app db: failed on node node4 (expired)").contains("offline");
		assertThat(work.resolve("node1/offline.log")).doesNotExist();
	}

	@Test
	void commandApiRefusesNodeappTasks() {
		OctoplaneClient client = OctlConfig.load(this.octlConfig, Map.of(), work).client();
		assertThatExceptionOfType(OctoplaneApiException.class)
			.isThrownBy(() -> client.jobs()
				.submit(CommandRequest.of(List.of("node1"), CommandMode.NODEAPP,
						"{\"action\":\"purge\",\"app\":\"web\",\"scenario\":\"shop\"}")))
			.satisfies((ex) -> assertThat(ex.httpStatus()).isEqualTo(400))
			.withMessageContaining("mode nodeapp is for scenarios only");
	}

	@Test
	void templateFromScenCreateAppliesOnceNodesAreSet() throws Exception {
		Path parent = Files.createDirectories(work.resolve("templates"));
		OctlRun create = octl("scen", "create", "tmpl", "with", "alpha", "beta", "--dir", parent.toString());
		assertThat(create.exitCode()).as(create.err()).isZero();
		Path folder = parent.resolve("tmpl");
		OctlRun noNodes = octl("scen", "apply", folder.toString());
		assertThat(noNodes.exitCode()).isEqualTo(2);
		assertThat(noNodes.err()).contains("applications[0].nodes: must be a list of at least one node name");
		Files.writeString(folder.resolve("deployment.yaml"),
				Files.readString(folder.resolve("deployment.yaml")).replace("nodes: []", "nodes: ['node2']"));
		OctlRun apply = octl("scen", "apply", folder.toString(), "-m", "from the template");
		assertThat(apply.exitCode()).as(apply.err() + apply.out()).isZero();
		assertThat(work.resolve("node2/beta@tmpl/README")).hasContent("beta sources");
		assertThat(octl("scen", "create", "tmpl", "--dir", parent.toString()).exitCode()).isEqualTo(3);
	}

	@Test
	void malformedYamlIsRefusedWithFileAndLine() throws Exception {
		Path folder = shop("badyaml", "['node1']", "true");
		Files.writeString(folder.resolve("deployment.yaml"), "name: badyaml\napplications:\n- name: [unclosed\n");
		OctlRun apply = octl("scen", "apply", folder.toString());
		assertThat(apply.exitCode()).isEqualTo(2);
		assertThat(apply.err()).contains("deployment.yaml:").contains("not valid YAML");
	}

	@Test
	void missingScriptIsRefusedBeforeAnythingRuns() throws Exception {
		Path folder = shop("noscript", "['node1']", "true");
		Files.delete(folder.resolve("db/scripts/backup.sh"));
		OctlRun apply = octl("scen", "apply", folder.toString());
		assertThat(apply.exitCode()).isEqualTo(2);
		assertThat(apply.err())
			.contains("deployment.yaml: applications[1].script[4].file: script 'db/scripts/backup.sh' does not exist");
		assertThat(work.resolve("node1/db@noscript")).doesNotExist();
	}

	@Test
	void sourcepathEscapingTheFolderIsRefused() throws Exception {
		Path folder = shop("escape", "['node1']", "true");
		String yaml = Files.readString(folder.resolve("deployment.yaml"))
			.replace("sourcepath: web/src/", "sourcepath: ../../etc/");
		Files.writeString(folder.resolve("deployment.yaml"), yaml);
		OctlRun apply = octl("scen", "apply", folder.toString());
		assertThat(apply.exitCode()).isEqualTo(2);
		assertThat(apply.err())
			.contains("applications[0].sourcepath: '../../etc/' is absolute or leaves the scenario folder");
	}

	@Test
	void unknownNodeIsRefusedLikeAnyUnknownNode() throws Exception {
		Path folder = shop("ghosts", "['node1', 'ghost']", "true");
		OctlRun apply = octl("scen", "apply", folder.toString());
		assertThat(apply.exitCode()).isEqualTo(3);
		assertThat(apply.err()).contains("applications[1].nodes: no such node ghost");
		assertThat(work.resolve("node1/web@ghosts")).doesNotExist();
	}

	@Test
	void missingRequiredTargetIsRefused() throws Exception {
		Path folder = shop("nopurge", "['node1']", "true");
		String yaml = Files.readString(folder.resolve("deployment.yaml"))
			.replace("  - { target: purge, file: purge.sh, order: 1 }\n", "");
		Files.writeString(folder.resolve("deployment.yaml"), yaml);
		OctlRun apply = octl("scen", "apply", folder.toString());
		assertThat(apply.exitCode()).isEqualTo(2);
		assertThat(apply.err()).contains("no script for the required target 'purge'");
	}

	/**
	 * A scenario folder: app web on node1 and node2, app db on the given nodes, each
	 * script logging "target app order" to {@code <scenario>.log} in the node's
	 * workspace.
	 */
	private static Path shop(String name, String dbNodes, String webPrepareExtra) throws IOException {
		Path folder = Files.createDirectories(work.resolve("scenarios").resolve(name));
		Files.writeString(folder.resolve("deployment.yaml"), """
				name: %s
				description: "a web shop"
				applications:
				- name: web
				  scriptpath: web/scripts/
				  sourcepath: web/src/
				  nodes: ['node1', 'node2']
				  script:
				  - { target: prepare, file: prepare.sh, order: 2 }
				  - { target: start, file: start.sh, order: 1 }
				  - { target: stop, file: stop.sh, order: 1 }
				  - { target: purge, file: purge.sh, order: 1 }
				- name: db
				  scriptpath: db/scripts
				  sourcepath: db/src
				  nodes: %s
				  script:
				  - { target: prepare, file: prepare.sh, order: 1 }
				  - { target: start, file: start.sh, order: 1 }
				  - { target: stop, file: stop.sh, order: 2 }
				  - { target: purge, file: purge.sh, order: 1 }
				  - { target: backup, file: backup.sh, order: 5 }
				""".formatted(name, dbNodes));
		String log = "echo \"$OCTOPODA_TARGET %s %s\" >> \"$OCTOPODA_WORKSPACE/$OCTOPODA_SCENARIO.log\"\n";
		write(folder, "web/src/index.html", "hello");
		write(folder, "web/src/notes.tmp", "scratch");
		write(folder, "web/src/.gitignore", "*.tmp\n");
		write(folder, "web/scripts/prepare.sh", webPrepareExtra + "\n" + log.formatted("web", 2) + """
				{
				  echo "node=$OCTOPODA_NODENAME"; echo "dir=$OCTOPODA_CURRENTDIR"; echo "file=$OCTOPODA_FILENAME"
				  echo "app=$OCTOPODA_APP"; echo "scenario=$OCTOPODA_SCENARIO"; echo "workspace=$OCTOPODA_WORKSPACE"
				  [ -f "$OCTOPODA_OUTPUT" ] && echo output-set=yes; echo "site=$SITE"
				  [ -d "$OCTOPODA_FSTORE" ] && echo fstore-dir=yes; [ -d "$OCTOPODA_LOG" ] && echo log-dir=yes
				  [ -d "$OCTOPODA_PAKMA" ] && echo pakma-dir=yes; echo "root=$OCTOPODA_ROOT"
				} > env.txt
				""");
		write(folder, "web/scripts/start.sh", log.formatted("web", 1)
				+ "echo \"web started on $OCTOPODA_NODENAME\" > \"$OCTOPODA_OUTPUT\"\necho web start stdout\n");
		write(folder, "web/scripts/stop.sh", log.formatted("web", 1));
		write(folder, "web/scripts/purge.sh", log.formatted("web", 1));
		write(folder, "db/src/schema.sql", "create table t (id int);");
		write(folder, "db/scripts/prepare.sh", log.formatted("db", 1) + "date +%s%N > prepared.at\n");
		write(folder, "db/scripts/start.sh", log.formatted("db", 1) + "echo running > db.state\n");
		write(folder, "db/scripts/stop.sh", log.formatted("db", 2));
		write(folder, "db/scripts/purge.sh", log.formatted("db", 1));
		write(folder, "db/scripts/backup.sh", log.formatted("db", 5) + "printf 'backup of db' > backup.txt\n");
		return folder;
	}

	private static void write(Path folder, String file, String content) throws IOException {
		Path path = folder.resolve(file);
		Files.createDirectories(path.getParent());
		Files.writeString(path, content);
	}

	private static JsonNode step(JsonNode apply, String target, String app) {
		for (JsonNode step : apply.get("steps")) {
			if (step.get("target").asString().equals(target) && step.get("app").asString().equals(app)) {
				return step;
			}
		}
		throw new AssertionError("no step " + target + " of " + app + " in " + apply);
	}

	private JsonNode versionsJson() {
		OctlRun run = octl("scen", "version", "shop");
		assertThat(run.exitCode()).as(run.err()).isZero();
		return run.json();
	}

	private static String versionOf(JsonNode versions, String nodeapp, int index) {
		return versions.get("versions").get(index).get("nodeapps").get(nodeapp).asString();
	}

	private static List<String> lines(Path file) throws IOException {
		return Files.exists(file) ? Files.readAllLines(file) : List.of();
	}

	private static List<String> git(Path repository, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(out).isZero();
		return out.isBlank() ? List.of() : List.of(out.strip().split("\n"));
	}

	private OctlRun octl(String... args) {
		return InProcessOctl.run(this.octlConfig, work, args);
	}

}
