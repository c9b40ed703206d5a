package io.octoplane.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.octoplane.brain.agent.AgentServer;
import io.octoplane.certs.PemPair;
import io.octoplane.e2e.support.InProcessBrainTest;
import io.octoplane.protocol.digest.Sha256;
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

/**
 * Scenarios as an Octopoda user brings them, against a real brain and four real
 * tentacles: a folder laid out as Octopoda's {@code scen create} writes it (with
 * {@code alias.yaml} and its {@code user-defined} target) applies unchanged, workgroups
 * and aliases mix in {@code nodes}, a 50 MB source folder travels over the data
 * connections, a script's time limit comes from the deployment file, and a scenario can
 * be deleted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OctopodaScenarioIT extends InProcessBrainTest {

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
		Path data = Files.createTempDirectory("octoplane-octopoda-scenario-it-");
		registry.add("octoplane.brain.data-dir", data::toString);
	}

	@BeforeAll
	void startFleet() throws Exception {
		for (String name : List.of("node1", "node2", "node3", "node4")) {
			PemPair pair = certs.node(name);
			Tentacle tentacle = new Tentacle(
					TentacleConfig
						.of(new BrainAddress("localhost", this.agentServer.port()), pair.certificate(),
								pair.privateKey(), certs.caCert(), work.resolve(name))
						.withTimings(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5)),
					Clock.systemUTC());
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
	void octopodaTemplateAppliesUnchangedThenPagesAndIsDeleted() throws Exception {
		Path folder = octopodaTemplate("demoScen", "demoApp");

		OctlRun apply = octl("scen", "apply", folder.toString(), "-m", "first");
		assertThat(apply.exitCode()).as(apply.err() + apply.out()).isZero();
		// node1 and @group1 (node3, node4); node2 is only in group2.
		for (String node : List.of("node1", "node3", "node4")) {
			assertThat(work.resolve(node + "/demoApp@demoScen/README")).hasContent("- README of demoApp -");
		}
		assertThat(work.resolve("node2/demoApp@demoScen")).doesNotExist();
		assertThat(outputs(apply.json(), "start")).containsOnly("start");

		OctlRun custom = octl("scen", "apply", folder.toString(), "user-defined");
		// Octopoda's name for prepare + start.
		OctlRun byDefault = octl("scen", "apply", folder.toString(), "default", "-m", "again");
		assertThat(byDefault.exitCode()).as(byDefault.err()).isZero();
		assertThat(outputs(byDefault.json(), "start")).hasSize(3);
		assertThat(custom.exitCode()).as(custom.err()).isZero();
		assertThat(outputs(custom.json(), "user-defined")).hasSize(3).containsOnly("user-defined target");

		Files.writeString(folder.resolve("demoApp/src/README"), "- README of demoApp, second -");
		OctlRun second = octl("scen", "apply", folder.toString(), "prepare", "-m", "second");
		assertThat(second.exitCode()).as(second.err()).isZero();
		OctlRun page = octl("scen", "version", "demoScen", "-o", "2", "-l", "1");
		assertThat(page.exitCode()).as(page.err()).isZero();
		assertThat(page.json().get("total").asInt()).isEqualTo(3);
		assertThat(page.json().get("versions")).hasSize(1);
		assertThat(page.json().get("versions").get(0).get("message").asString()).isEqualTo("prepare: first");
		OctlRun table = octl("scen", "version", "demoScen", "-o", "table");
		assertThat(table.exitCode()).as(table.err()).isZero();
		assertThat(table.out()).contains("prepare: second").contains("prepare: first");

		OctlRun nappPage = octl("napp", "version", "node3", "demoApp@demoScen", "-o", "1", "-l", "1");
		assertThat(nappPage.exitCode()).as(nappPage.err()).isZero();
		assertThat(nappPage.json().get("total").asInt()).isEqualTo(2);
		assertThat(nappPage.json().get("versions")).hasSize(1);
		assertThat(nappPage.json().get("versions").get(0).get("message").asString()).isEqualTo("prepare: first");

		OctlRun purge = octl("scen", "apply", folder.toString(), "purge");
		assertThat(purge.exitCode()).as(purge.err()).isZero();
		OctlRun delete = octl("scen", "delete", "demoScen");
		assertThat(delete.exitCode()).as(delete.err()).isZero();
		assertThat(octl("scen", "get", "demoScen").exitCode()).isEqualTo(3);
		assertThat(octl("scen", "version", "demoScen").exitCode()).isEqualTo(3);
		OctlRun again = octl("scen", "delete", "demoScen");
		assertThat(again.exitCode()).isEqualTo(3);
		assertThat(again.err()).contains("no scenario demoScen");
		assertThat(octl("audit").out()).contains("DELETE /api/v1/scenarios/demoScen");
	}

	@Test
	void aliasesWorkgroupsAndNamesMixAndAnUnknownAliasIsNamed() throws Exception {
		OctlRun group = octl("wg", "add", "/octo-lab", "node2");
		assertThat(group.exitCode()).as(group.err()).isZero();
		Path folder = octopodaTemplate("mixScen", "mixApp");
		replace(folder.resolve("deployment.yaml"), "    - '@group1'\n", "    - '@octo-lab'\n    - '@pair'\n");
		Files.writeString(folder.resolve("alias.yaml"), "pair: ['node3', '@octo-lab']\n", StandardOpenOption.APPEND);
		OctlRun apply = octl("scen", "apply", folder.toString(), "prepare", "-m", "mixed");
		assertThat(apply.exitCode()).as(apply.err() + apply.out()).isZero();
		for (String node : List.of("node1", "node2", "node3")) {
			assertThat(work.resolve(node + "/mixApp@mixScen/README")).exists();
		}
		assertThat(work.resolve("node4/mixApp@mixScen")).doesNotExist();

		replace(folder.resolve("deployment.yaml"), "'@pair'", "'@nosuch'");
		OctlRun unknown = octl("scen", "apply", folder.toString(), "prepare");
		assertThat(unknown.exitCode()).isEqualTo(2);
		assertThat(unknown.err()).contains(
				"deployment.yaml: applications[0].nodes: '@nosuch' is neither an alias of alias.yaml nor a workgroup");
	}

	@Test
	void fiftyMegabyteSourceFolderTravelsOverDataConnections() throws Exception {
		Path folder = octopodaTemplate("bigScen", "bigApp");
		replace(folder.resolve("deployment.yaml"), "    - '@group1'\n", "");
		Path src = folder.resolve("bigApp/src");
		Random random = new Random(42);
		byte[] chunk = new byte[1024 * 1024];
		for (int file = 0; file < 5; file++) {
			try (OutputStream out = Files.newOutputStream(src.resolve("blob-" + file + ".bin"))) {
				for (int mb = 0; mb < 10; mb++) {
					random.nextBytes(chunk);
					out.write(chunk);
				}
			}
		}
		OctlRun apply = octl("scen", "apply", folder.toString(), "prepare", "-m", "big");
		assertThat(apply.exitCode()).as(apply.err() + apply.out()).isZero();
		for (int file = 0; file < 5; file++) {
			Path copy = work.resolve("node1/bigApp@bigScen/blob-" + file + ".bin");
			assertThat(copy).hasSize(10L * 1024 * 1024);
			assertThat(Sha256.of(copy)).isEqualTo(Sha256.of(src.resolve("blob-" + file + ".bin")));
		}
	}

	@Test
	void scriptTimeLimitComesFromTheDeploymentFile() throws Exception {
		Path folder = octopodaTemplate("slowScen", "slowApp");
		replace(folder.resolve("deployment.yaml"), "    - '@group1'\n", "");
		replace(folder.resolve("deployment.yaml"), "description: \"A simple description about scenarios slowScen...\"",
				"description: \"slow\"\ntimeout: 1h");
		replace(folder.resolve("deployment.yaml"), "file: \"user-defined.sh\"\n      order: 1",
				"file: \"user-defined.sh\"\n      timeout: 1s");
		Files.writeString(folder.resolve("slowApp/scripts/user-defined.sh"), "sleep 30\n");
		OctlRun prepare = octl("scen", "apply", folder.toString(), "prepare", "-m", "slow");
		assertThat(prepare.exitCode()).as(prepare.err()).isZero();
		OctlRun slow = octl("scen", "apply", folder.toString(), "user-defined");
		assertThat(slow.exitCode()).isEqualTo(1);
		assertThat(slow.err()).contains("user-defined user-defined.sh of app slowApp").contains("timed");
	}

	@Test
	void exampleShapedScenarioRunsItsAppsInOrderWithACustomTarget() throws Exception {
		// Shaped like Octopoda's own helloWorld example: three applications with their
		// own
		// script and source folders, prepare orders 3, 1 and 2 across them, one app on
		// two nodes, scripts without an order, a custom target, and bash scripts that
		// answer through $OCTOPODA_OUTPUT.
		Path folder = Files.createDirectories(work.resolve("scenarios/exampleScen"));
		Path order = work.resolve("example-order.log");
		StringBuilder deployment = new StringBuilder("""
				# three printers
				name: exampleScen
				description: "a scenario to print hello world"
				applications:
				""");
		String[][] apps = { { "helloPrinter", "hello", "'node1'", "3" }, { "worldPrinter", "world", "'node2'", "1" },
				{ "bothPrinter", "helloworld", "'node1'\n    - 'node2'", "2" } };
		for (String[] app : apps) {
			deployment.append("""
					-
					  name: "%1$s"
					  scriptpath: "%2$s/scripts/"
					  sourcepath: "%2$s/src/"
					  description: "print %2$s"
					  nodes:
					    - %3$s
					  script:
					    -
					      target: prepare
					      file: "prepare.sh"
					      order: %4$s
					    -
					      target: start
					      file: "run.sh"
					    -
					      target: stop
					      file: "stop.sh"
					    -
					      target: purge
					      file: "purge.sh"
					    -
					      target: date
					      file: "date.sh"
					""".formatted(app[0], app[1], app[2], app[3]));
			String file = app[1] + ".txt";
			write(folder, app[1] + "/scripts/prepare.sh", "#!/bin/bash\necho '-->prepared' > " + file + "\necho \""
					+ app[1] + " $OCTOPODA_NODENAME\" >> " + order + "\n");
			write(folder, app[1] + "/scripts/run.sh",
					"#!/bin/bash\necho " + app[1] + " >> " + file + "\necho " + app[1] + " > \"$OCTOPODA_OUTPUT\"\n");
			write(folder, app[1] + "/scripts/stop.sh", "#!/bin/bash\necho stop\n");
			write(folder, app[1] + "/scripts/purge.sh", "#!/bin/bash\nrm -f " + file + "\n");
			write(folder, app[1] + "/scripts/date.sh",
					"#!/bin/bash\nprintf '%s on %s' \"$OCTOPODA_APP\" \"${OCTOPODA_NODENAME^^}\" > \"$OCTOPODA_OUTPUT\"\n");
			write(folder, app[1] + "/src/README.md", "# " + app[0]);
		}
		Files.writeString(folder.resolve("deployment.yaml"), deployment);

		OctlRun apply = octl("scen", "apply", folder.toString(), "-m", "example");
		assertThat(apply.exitCode()).as(apply.err() + apply.out()).isZero();
		// Ascending order across applications: world (1), then both (2), then hello (3).
		List<String> prepared = Files.readAllLines(order);
		assertThat(prepared).hasSize(4);
		assertThat(prepared.get(0)).isEqualTo("world node2");
		assertThat(prepared.subList(1, 3)).containsExactlyInAnyOrder("helloworld node1", "helloworld node2");
		assertThat(prepared.get(3)).isEqualTo("hello node1");
		assertThat(work.resolve("node1/helloPrinter@exampleScen/hello.txt")).hasContent("-->prepared\nhello\n");
		assertThat(work.resolve("node2/bothPrinter@exampleScen/helloworld.txt"))
			.hasContent("-->prepared\nhelloworld\n");
		assertThat(work.resolve("node1/helloPrinter@exampleScen/README.md")).hasContent("# helloPrinter");
		assertThat(outputs(apply.json(), "start")).containsExactlyInAnyOrder("hello", "world", "helloworld",
				"helloworld");

		OctlRun date = octl("scen", "apply", folder.toString(), "date");
		assertThat(date.exitCode()).as(date.err()).isZero();
		assertThat(outputs(date.json(), "date")).containsExactlyInAnyOrder("helloPrinter on NODE1",
				"worldPrinter on NODE2", "bothPrinter on NODE1", "bothPrinter on NODE2");

		OctlRun purge = octl("scen", "apply", folder.toString(), "purge");
		assertThat(purge.exitCode()).as(purge.err()).isZero();
		assertThat(work.resolve("node1/helloPrinter@exampleScen")).doesNotExist();
		assertThat(octl("scen", "delete", "exampleScen").exitCode()).isZero();
	}

	/**
	 * A scenario folder as Octopoda's {@code octl scen create SCEN with APP} lays it out,
	 * with its alias file.
	 */
	private static Path octopodaTemplate(String scenario, String app) throws IOException {
		Path folder = Files.createDirectories(work.resolve("scenarios").resolve(scenario));
		StringBuilder deployment = new StringBuilder("""
				# auto generate by octl
				name: %1$s
				description: "A simple description about scenarios %1$s..."
				applications:
				-
				  name: "%2$s"
				  scriptpath: "%2$s/scripts/"
				  sourcepath: "%2$s/src/"
				  description: "A simple description about application %2$s..."
				  nodes:
				    - 'node1'
				    - '@group1'
				  script:
				""".formatted(scenario, app));
		for (String target : List.of("prepare", "start", "stop", "purge", "user-defined")) {
			deployment.append("""
					    -
					      target: %s
					      file: "%s.sh"
					      order: 1
					""".formatted(target, target));
			String said = target.equals("user-defined") ? "user-defined target" : target;
			write(folder, app + "/scripts/" + target + ".sh",
					"#!/bin/bash\n# auto generate by octl\necho \"" + said + "\" >> $OCTOPODA_OUTPUT\n");
		}
		Files.writeString(folder.resolve("deployment.yaml"), deployment);
		Files.writeString(folder.resolve("alias.yaml"), """
				# auto generate by octl
				group1:
				- 'node3'
				- 'node4'
				group2:
				- '@group1'
				- 'node1'
				- 'node2'
				""");
		write(folder, app + "/src/README", "- README of " + app + " -");
		return folder;
	}

	private static List<String> outputs(JsonNode apply, String target) {
		List<String> outputs = new ArrayList<>();
		for (JsonNode step : apply.get("steps")) {
			if (step.get("target").asString().equals(target)) {
				step.get("nodes").forEach((node) -> outputs.add(node.get("output").asString().strip()));
			}
		}
		return outputs;
	}

	private static void replace(Path file, String from, String to) throws IOException {
		String text = Files.readString(file);
		assertThat(text).contains(from);
		Files.writeString(file, text.replace(from, to));
	}

	private static void write(Path folder, String file, String content) throws IOException {
		Path path = folder.resolve(file);
		Files.createDirectories(path.getParent());
		Files.writeString(path, content);
	}

	private OctlRun octl(String... args) {
		return InProcessOctl.run(this.octlConfig, work, args);
	}

}
