package io.octoplane.octl.output;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JsonPathTemplateTests {

	private static final JsonNode ANSWER = JsonMapper.builder().build().readTree("""
			{"brain": {"name": "b1"}, "total": 2, "ok": true, "none": null,
			 "nodes": [{"name": "pi1", "state": "online", "tags": ["a", "b"]},
			           {"name": "pi2", "state": "offline", "tags": []}]}
			""");

	@Test
	void memberPrintsItsValueBare() {
		assertThat(render("{.brain.name}")).isEqualTo("b1");
		assertThat(render("{.total}")).isEqualTo("2");
		assertThat(render("{.ok}")).isEqualTo("true");
		assertThat(render("{.none}")).isEmpty();
	}

	@Test
	void everyElementIsJoinedBySpaces() {
		assertThat(render("{.nodes[*].name}")).isEqualTo("pi1 pi2");
		assertThat(render("{.nodes.*.state}")).isEqualTo("online offline");
	}

	@Test
	void indexPicksOneElementAndNegativeCountsFromTheEnd() {
		assertThat(render("{.nodes[0].name}")).isEqualTo("pi1");
		assertThat(render("{.nodes[-1].name}")).isEqualTo("pi2");
		assertThat(render("{.nodes[5].name}")).isEmpty();
	}

	@Test
	void rangeRepeatsItsBodyPerElement() {
		assertThat(render("{range .nodes[*]}{.name}{\"\\t\"}{.state}{\"\\n\"}{end}"))
			.isEqualTo("pi1\tonline\npi2\toffline\n");
	}

	@Test
	void textOutsideBracesIsKept() {
		assertThat(render("brain={.brain.name} total={.total}")).isEqualTo("brain=b1 total=2");
	}

	@Test
	void objectsAndListsPrintAsCompactJson() {
		assertThat(render("{.nodes[0].tags}")).isEqualTo("[\"a\",\"b\"]");
		assertThat(render("{.brain}")).isEqualTo("{\"name\":\"b1\"}");
	}

	@Test
	void missingMemberPrintsNothing() {
		assertThat(render("{.nope}")).isEmpty();
		assertThat(render("{.nodes[*].nope}")).isEmpty();
	}

	@Test
	void templateWithoutBracesIsOneExpression() {
		assertThat(render(".nodes[*].name")).isEqualTo("pi1 pi2");
		assertThat(render("'{.brain.name}'")).isEqualTo("b1");
		assertThat(render("{$.total}")).isEqualTo("2");
	}

	@Test
	void badTemplatesAreRefusedWithWhere() {
		assertThatIllegalArgumentException().isThrownBy(() -> JsonPathTemplate.parse("{.nodes[*].name"))
			.withMessageContaining("'{' without '}'");
		assertThatIllegalArgumentException().isThrownBy(() -> JsonPathTemplate.parse("{range .nodes[*]}{.name}"))
			.withMessageContaining("without {end}");
		assertThatIllegalArgumentException().isThrownBy(() -> JsonPathTemplate.parse("{end}"))
			.withMessageContaining("{end} without {range");
		assertThatIllegalArgumentException().isThrownBy(() -> JsonPathTemplate.parse("{..name}"))
			.withMessageContaining("recursive descent");
		assertThatIllegalArgumentException().isThrownBy(() -> JsonPathTemplate.parse("{.nodes[?(@.x)]}"))
			.withMessageContaining("unsupported index");
		assertThatIllegalArgumentException().isThrownBy(() -> JsonPathTemplate.parse("{.nodes[0:2]}"))
			.withMessageContaining("unsupported index");
		assertThatIllegalArgumentException().isThrownBy(() -> JsonPathTemplate.parse("{nodes}"))
			.withMessageContaining("expected '.member'");
		assertThatIllegalArgumentException().isThrownBy(() -> JsonPathTemplate.parse(""))
			.withMessageContaining("empty jsonpath template");
		assertThatIllegalArgumentException().isThrownBy(() -> JsonPathTemplate.parse("{.a}b}"))
			.withMessageContaining("'}' without '{'")
			.withMessageContaining("column 6");
	}

	private static String render(String template) {
		return JsonPathTemplate.parse(template).render(ANSWER);
	}

}
