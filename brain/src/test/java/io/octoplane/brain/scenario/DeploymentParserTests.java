package io.octoplane.brain.scenario;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DeploymentParserTests {

	private static final String VALID = """
			name: helloWorld
			description: "hi"
			applications:
			- name: "helloPrinter"
			  scriptpath: "hello/scripts/"
			  sourcepath: "hello/src/"
			  nodes: ['pi-24', 'pi-25']
			  extra: ignored, as Octopoda ignores it
			  script:
			  - { target: prepare, file: "prepare.sh", order: 3 }
			  - { target: start,   file: "run.sh",     order: 1 }
			  - { target: stop,    file: "run.sh",     order: 1 }
			  - { target: purge,   file: "sub/purge.sh", order: 0 }
			""";

	/** The alias file Octopoda's {@code scen create} writes. */
	private static final String OCTOPODA_ALIASES = """
			# auto generate by octl
			group1:
			- 'node3'
			- 'node4'
			group2:
			- '@group1'
			- 'node1'
			- 'node2'
			""";

	/**
	 * The deployment file Octopoda's {@code scen create demoScen with demoApp} writes.
	 */
	static final String OCTOPODA_TEMPLATE = """
			# auto generate by octl
			name: demoScen
			description: "A simple description about scenarios demoScen..."
			applications:
			-
			  name: "demoApp"
			  scriptpath: "demoApp/scripts/"
			  sourcepath: "demoApp/src/"
			  description: "A simple description about application demoApp..."
			  nodes:
			    - 'node1'
			    - '@group1'
			  script:
			    -
			      target: prepare
			      file: "prepare.sh"
			      order: 1
			    -
			      target: start
			      file: "start.sh"
			      order: 1
			    -
			      target: stop
			      file: "stop.sh"
			      order: 1
			    -
			      target: purge
			      file: "purge.sh"
			      order: 1
			    -
			      target: user-defined
			      file: "user-defined.sh"
			      order: 1
			""";

	@Test
	void validDeploymentIsRead() {
		Deployment deployment = DeploymentParser.parse(folder(VALID));
		assertThat(deployment.name()).isEqualTo("helloWorld");
		Deployment.App app = deployment.apps().get(0);
		assertThat(app.scriptPath()).isEqualTo("hello/scripts");
		assertThat(app.sourcePath()).isEqualTo("hello/src");
		assertThat(app.nodes()).containsExactly("pi-24", "pi-25");
		assertThat(app.scripts()).contains(new Deployment.Script("prepare", "prepare.sh", 3),
				new Deployment.Script("purge", "sub/purge.sh", 0));
		assertThat(deployment.targets()).containsExactly("commit", "prepare", "purge", "start", "stop");
	}

	@Test
	void parse_malformedYaml() {
		assertRefused(folder("name: x\napplications: [\n"), "deployment.yaml:", "not valid YAML");
	}

	@Test
	void parse_missingDeploymentFile() {
		assertRefused(ScenarioFolder.of(Map.of()), "deployment.yaml: missing from the scenario folder");
	}

	@Test
	void parse_missingName() {
		assertRefused(folder(VALID.replace("name: helloWorld\n", "")), "deployment.yaml: name: is required");
	}

	@Test
	void parse_badAppName() {
		assertRefused(folder(VALID.replace("\"helloPrinter\"", "\"hello printer\"")),
				"applications[0].name: 'hello printer' must be");
	}

	@Test
	void parse_sourcepathEscapes() {
		assertRefused(folder(VALID.replace("\"hello/src/\"", "\"hello/../../x\"")),
				"applications[0].sourcepath: 'hello/../../x' is absolute or leaves the scenario folder");
	}

	@Test
	void parse_absoluteScriptpath() {
		assertRefused(folder(VALID.replace("\"hello/scripts/\"", "\"/etc/\"")),
				"applications[0].scriptpath: '/etc/' is absolute");
	}

	@Test
	void parse_scriptFileEscapesScriptFolder() {
		assertRefused(
				folder(VALID.replace("\"run.sh\",     order: 1 }\n  - { target: stop",
						"\"../src/a.txt\", order: 1 }\n  - { target: stop")),
				"applications[0].script[1].file: '../src/a.txt' leaves the script folder");
	}

	@Test
	void parse_missingScript() {
		assertRefused(folder(VALID.replace("prepare.sh", "nope.sh")),
				"applications[0].script[0].file: script 'hello/scripts/nope.sh' does not exist");
	}

	@Test
	void parse_missingRequiredTarget() {
		assertRefused(folder(VALID.replace("target: stop", "target: halt")),
				"applications[0].script: application 'helloPrinter' has no script for the required target 'stop'");
	}

	@Test
	void parse_orderNotANumber() {
		assertRefused(folder(VALID.replace("order: 3", "order: soon")),
				"applications[0].script[0].order: must be a whole number");
	}

	@Test
	void parse_noNodes() {
		assertRefused(folder(VALID.replace("['pi-24', 'pi-25']", "[]")), "applications[0].nodes: must be a list");
	}

	@Test
	void nodeNamedTwiceIsKeptOnceAsOctopodaDoes() {
		Deployment deployment = DeploymentParser
			.parse(folder(VALID.replace("['pi-24', 'pi-25']", "['pi-24', 'pi-24']")));
		assertThat(deployment.apps().get(0).nodes()).containsExactly("pi-24");
	}

	@Test
	void aliasesExpandNestedAndMixWithNamesAndWorkgroups() {
		ScenarioFolder folder = folder(VALID.replace("['pi-24', 'pi-25']", "['node1', '@group2', '@lab', 'pi-9']"),
				OCTOPODA_ALIASES);
		assertThat(DeploymentParser.parse(folder).apps().get(0).nodes()).containsExactly("node1", "node3", "node4",
				"node2", "@lab", "pi-9");
	}

	@Test
	void selectorsAreKeptCanonicalNextToNames() {
		ScenarioFolder folder = folder(
				VALID.replace("['pi-24', 'pi-25']", "['pi-24', 'label: site = lab, arch in (arm64, armv7)']"));
		assertThat(DeploymentParser.parse(folder).apps().get(0).nodes()).containsExactly("pi-24",
				"label:site=lab,arch in (arm64,armv7)");
	}

	@Test
	void parse_badSelector() {
		assertRefused(folder(VALID.replace("['pi-24', 'pi-25']", "['label:site in lab']")), "applications[0].nodes[0]",
				"expected '(' to open the set of values");
	}

	@Test
	void aliasFileMayReferToWorkgroups() {
		ScenarioFolder folder = folder(VALID.replace("['pi-24', 'pi-25']", "['@pis']"), "pis: ['@/lab/pis', 'pi-1']\n");
		assertThat(DeploymentParser.parse(folder).apps().get(0).nodes()).containsExactly("@/lab/pis", "pi-1");
	}

	@Test
	void recordedDeploymentIsReadWithItsAliases() {
		Deployment deployment = DeploymentParser.parseRecorded(
				VALID.replace("['pi-24', 'pi-25']", "['@group1']").getBytes(StandardCharsets.UTF_8),
				OCTOPODA_ALIASES.getBytes(StandardCharsets.UTF_8));
		assertThat(deployment.apps().get(0).nodes()).containsExactly("node3", "node4");
	}

	@Test
	void parse_aliasLoop() {
		assertRefused(folder(VALID.replace("['pi-24', 'pi-25']", "['@a']"), "a: ['@b']\nb: ['n1', '@a']\n"),
				"alias.yaml: a: aliases refer to each other in a loop: a -> @b -> @a");
	}

	@Test
	void parse_aliasFileNotYaml() {
		assertRefused(folder(VALID, "group1: [\n"), "alias.yaml:", "not valid YAML");
	}

	@Test
	void parse_aliasNotAList() {
		assertRefused(folder(VALID, "group1: node3\n"), "alias.yaml: group1: must be a list");
	}

	@Test
	void parse_aliasMemberNotANodeName() {
		assertRefused(folder(VALID.replace("['pi-24', 'pi-25']", "['@group1']"), "group1: ['node 3']\n"),
				"alias.yaml: group1: 'node 3' is not a node name");
	}

	@Test
	void orderMayBeLeftOutAndIsThenZero() {
		Deployment deployment = DeploymentParser.parse(folder(VALID.replace(", order: 3", "")));
		assertThat(deployment.apps().get(0).scripts()).contains(new Deployment.Script("prepare", "prepare.sh", 0));
	}

	@Test
	void timeoutsAreReadPerScenarioAndPerScript() {
		Deployment deployment = DeploymentParser
			.parse(folder(VALID.replace("description: \"hi\"", "description: \"hi\"\ntimeout: 30m")
				.replace("order: 3 }", "order: 3, timeout: 90 }")
				.replace("order: 0 }", "order: 0, timeout: 2h }")));
		List<Deployment.Script> scripts = deployment.apps().get(0).scripts();
		Duration fallback = Duration.ofMinutes(10);
		assertThat(deployment.timeout(scripts.get(0), fallback)).isEqualTo(Duration.ofSeconds(90));
		assertThat(deployment.timeout(scripts.get(1), fallback)).isEqualTo(Duration.ofMinutes(30));
		assertThat(deployment.timeout(scripts.get(3), fallback)).isEqualTo(Duration.ofHours(2));
		Deployment plain = DeploymentParser.parse(folder(VALID));
		assertThat(plain.timeout(plain.apps().get(0).scripts().get(0), fallback)).isEqualTo(fallback);
	}

	@Test
	void parse_badTimeout() {
		assertRefused(folder(VALID.replace("order: 3 }", "order: 3, timeout: soon }")),
				"applications[0].script[0].timeout: 'soon' is not a positive duration");
	}

	@Test
	void parse_targetTwiceInOneApp() {
		assertRefused(folder(VALID.replace("target: stop,", "target: start,")),
				"applications[0].script[2].target: application 'helloPrinter' has a second script for target 'start'");
	}

	@Test
	void octopodaTemplateIsAcceptedAsGenerated() {
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put("deployment.yaml", OCTOPODA_TEMPLATE.getBytes(StandardCharsets.UTF_8));
		files.put("alias.yaml", OCTOPODA_ALIASES.getBytes(StandardCharsets.UTF_8));
		for (String script : new String[] { "prepare", "start", "stop", "purge", "user-defined" }) {
			files.put("demoApp/scripts/" + script + ".sh", "echo\n".getBytes(StandardCharsets.UTF_8));
		}
		files.put("demoApp/src/README", "- README of demoApp -\n".getBytes(StandardCharsets.UTF_8));
		Deployment deployment = DeploymentParser.parse(ScenarioFolder.of(files));
		assertThat(deployment.name()).isEqualTo("demoScen");
		Deployment.App app = deployment.apps().get(0);
		assertThat(app.scriptPath()).isEqualTo("demoApp/scripts");
		assertThat(app.sourcePath()).isEqualTo("demoApp/src");
		assertThat(app.nodes()).containsExactly("node1", "node3", "node4");
		assertThat(deployment.targets()).contains("user-defined");
		assertThat(app.scripts()).contains(new Deployment.Script("user-defined", "user-defined.sh", 1));
	}

	@Test
	void parse_appTwice() {
		String app = VALID.substring(VALID.indexOf("- name:"));
		assertRefused(folder(VALID + app), "applications[1].name: application 'helloPrinter' is defined twice");
	}

	@Test
	void recordedDeploymentIsReadWithoutItsFolder() {
		Deployment deployment = DeploymentParser.parseRecorded(VALID.getBytes(StandardCharsets.UTF_8), null);
		assertThat(deployment.apps()).hasSize(1);
	}

	private static void assertRefused(ScenarioFolder folder, String... parts) {
		assertThatExceptionOfType(InvalidDeploymentException.class).isThrownBy(() -> DeploymentParser.parse(folder))
			.satisfies((ex) -> {
				for (String part : parts) {
					assertThat(ex.getMessage()).contains(part);
				}
				assertThat(ex.getBody().getProperties()).containsEntry("code", "invalid-deployment");
			});
	}

	private static ScenarioFolder folder(String deployment) {
		return folder(deployment, null);
	}

	private static ScenarioFolder folder(String deployment, @Nullable String aliases) {
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put("deployment.yaml", deployment.getBytes(StandardCharsets.UTF_8));
		if (aliases != null) {
			files.put("alias.yaml", aliases.getBytes(StandardCharsets.UTF_8));
		}
		for (String file : new String[] { "hello/scripts/prepare.sh", "hello/scripts/run.sh",
				"hello/scripts/sub/purge.sh", "hello/src/a.txt" }) {
			files.put(file, "echo\n".getBytes(StandardCharsets.UTF_8));
		}
		return ScenarioFolder.of(files);
	}

}
