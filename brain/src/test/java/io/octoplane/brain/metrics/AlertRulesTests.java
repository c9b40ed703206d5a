package io.octoplane.brain.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import io.octoplane.testsupport.metrics.PrometheusScrape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped alerting rules and Alertmanager example, checked with Prometheus' own
 * tools: the rules' unit tests pass, every alert has a test in which it fires, and
 * Alertmanager accepts its example configuration. That the rules use only metrics the
 * brain exposes is {@link MetricsIT}'s part.
 */
class AlertRulesTests {

	private static final Path FOLDER = Path.of("..", "deploy", "prometheus");

	@Test
	void alertRulesPassTheirUnitTests() throws Exception {
		assertThat(PrometheusScrape.promtoolTestRules(FOLDER.resolve("alerts-test.yaml"))).isEmpty();
	}

	@Test
	void everyAlertFiresInSomeUnitTest() throws Exception {
		YAMLMapper yaml = YAMLMapper.builder().build();
		Set<String> alerts = new HashSet<>();
		for (JsonNode group : yaml.readTree(FOLDER.resolve("alerts.yaml").toFile()).path("groups")) {
			group.path("rules").forEach((rule) -> alerts.add(rule.path("alert").asString()));
		}
		Set<String> fired = new HashSet<>();
		for (JsonNode test : yaml.readTree(FOLDER.resolve("alerts-test.yaml").toFile()).path("tests")) {
			for (JsonNode check : test.path("alert_rule_test")) {
				if (!check.path("exp_alerts").isEmpty()) {
					fired.add(check.path("alertname").asString());
				}
			}
		}
		assertThat(alerts).hasSizeGreaterThanOrEqualTo(9);
		assertThat(fired).containsAll(alerts);
	}

	@Test
	void alertmanagerAcceptsTheExampleConfiguration() throws Exception {
		assertThat(PrometheusScrape.amtoolCheckConfig(FOLDER.resolve("alertmanager.yaml"))).isEmpty();
	}

	@Test
	void aBrokenRuleFailsItsUnitTest(@TempDir Path folder) throws Exception {
		// The check above could pass vacuously if promtool ignored the file; a rule whose
		// threshold no longer matches its test must be reported.
		String rules = Files.readString(FOLDER.resolve("alerts.yaml")).replace("> 0.9", "> 0.99");
		Files.writeString(folder.resolve("alerts.yaml"), rules);
		Files.copy(FOLDER.resolve("alerts-test.yaml"), folder.resolve("alerts-test.yaml"));
		assertThat(PrometheusScrape.promtoolTestRules(folder.resolve("alerts-test.yaml")))
			.contains("OctoplaneNodeDiskFull");
	}

}
