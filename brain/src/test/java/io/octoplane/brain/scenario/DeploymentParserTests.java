package io.octoplane.brain.scenario;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

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
	void parse_nodeTwice() {
		assertRefused(folder(VALID.replace("['pi-24', 'pi-25']", "['pi-24', 'pi-24']")),
				"applications[0].nodes[1]: node pi-24 is named twice");
	}

	@Test
	void parse_appTwice() {
		String app = VALID.substring(VALID.indexOf("- name:"));
		assertRefused(folder(VALID + app), "applications[1].name: application 'helloPrinter' is defined twice");
	}

	@Test
	void recordedDeploymentIsReadWithoutItsFolder() {
		Deployment deployment = DeploymentParser.parseRecorded(VALID.getBytes(StandardCharsets.UTF_8));
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
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put("deployment.yaml", deployment.getBytes(StandardCharsets.UTF_8));
		for (String file : new String[] { "hello/scripts/prepare.sh", "hello/scripts/run.sh",
				"hello/scripts/sub/purge.sh", "hello/src/a.txt" }) {
			files.put(file, "echo\n".getBytes(StandardCharsets.UTF_8));
		}
		return ScenarioFolder.of(files);
	}

}
