package io.octoplane.tentacle.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class YamlSubsetTests {

	@Test
	void blockMappingsSequencesAndScalarsBecomeMapsListsAndText() {
		YamlSubset.Tree tree = YamlSubset.read("""
				---
				# a comment
				brain: brain.example.org:3457   # after a value
				outputLimitBytes: 1048576
				workspace:
				  root: /var/ws
				  store: "/var/store #1"
				env:
				  - key: k1
				    value: 'it''s'
				  - key: k2
				    value: "a\\tb"
				tags:
				- one
				- two
				empty:
				nothing: ~
				url: https://brain:12345/x#frag
				""");

		assertThat(tree.root()).containsEntry("brain", "brain.example.org:3457")
			.containsEntry("outputLimitBytes", "1048576")
			.containsEntry("workspace", Map.of("root", "/var/ws", "store", "/var/store #1"))
			.containsEntry("env", List.of(Map.of("key", "k1", "value", "it's"), Map.of("key", "k2", "value", "a\tb")))
			.containsEntry("tags", List.of("one", "two"))
			.containsEntry("empty", null)
			.containsEntry("nothing", null)
			.containsEntry("url", "https://brain:12345/x#frag");
		assertThat(tree.lineOf("env[1].value")).isEqualTo(12);
		assertThat(tree.lineOf("workspace.store")).isEqualTo(7);
		assertThat(tree.lineOf("workspace.other")).isEqualTo(5);
	}

	@Test
	void flowCollectionsOnOneLine() {
		YamlSubset.Tree tree = YamlSubset.read("""
				labels: {site: lab, role: 'cam, front', none: }
				list: [a, "b c", [], {}]
				brain: "[fd00::1]:4000"
				""");

		@SuppressWarnings("unchecked")
		Map<String, Object> labels = (Map<String, Object>) tree.root().get("labels");
		assertThat(labels).hasSize(3)
			.containsEntry("site", "lab")
			.containsEntry("role", "cam, front")
			.containsEntry("none", null);
		assertThat(tree.root()).containsEntry("list", List.of("a", "b c", List.of(), Map.of()))
			.containsEntry("brain", "[fd00::1]:4000");
	}

	@Test
	void theSampleConfigurationReads() {
		ConfigFile sample = ConfigFile.read(Path.of("..", "deploy", "config", "tentacle.yaml"));

		assertThat(sample.brain()).isEqualTo("brain.example.org:3457");
		assertThat(sample.outputLimitBytes()).isEqualTo(1048576);
		assertThat(sample.journalRetention()).isEqualTo("7d");
	}

	@Test
	void whatTheSubsetLeavesOutIsRefusedWithItsLine() {
		assertRefused("a: 1\nb: |\n  text\n", 2, "block scalars");
		assertRefused("a: 1\nb: &anchor x\n", 2, "anchors");
		assertRefused("a: [unclosed\n", 1, "not closed");
		assertRefused("a: \"open\n", 1, "not closed");
		assertRefused("a: one\n  two\n", 2, "continued on the next line");
		assertRefused("a: 1\na: 2\n", 2, "set twice");
		assertRefused("- a\n", 1, "top level must be a mapping");
		assertRefused("a:\n\tb: 1\n", 2, "tabs");
		assertRefused("a: 1\njust text\n", 2, "expected 'key: value'");
	}

	private static void assertRefused(String yaml, int line, String message) {
		assertThatExceptionOfType(YamlException.class).isThrownBy(() -> YamlSubset.read(yaml))
			.withMessageContaining(message)
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(line));
	}

}
