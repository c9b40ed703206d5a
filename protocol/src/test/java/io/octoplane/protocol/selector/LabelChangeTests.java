package io.octoplane.protocol.selector;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LabelChangeTests {

	@Test
	void readsSetsAndRemovals() {
		LabelChange change = LabelChange.parse(List.of("site=lab", "example.com/rack=a1", "role-", "empty="));
		assertThat(change.set()).isEqualTo(Map.of("site", "lab", "example.com/rack", "a1", "empty", ""));
		assertThat(change.remove()).containsExactly("role");
	}

	@Test
	void refusesArgumentsOfNeitherForm() {
		assertInvalid(List.of("site"), "neither key=value");
		assertInvalid(List.of(), "at least one");
	}

	@Test
	void refusesBadKeysAndValues() {
		assertInvalid(List.of("=lab"), "must not be empty");
		assertInvalid(List.of("site=l b"), "value 'l b'");
		assertInvalid(List.of("site=" + "v".repeat(64)), "at most 63");
		assertInvalid(List.of("_site=x"), "start and end with an alphanumeric");
		assertInvalid(List.of("a/=x"), "empty name after its prefix");
		assertInvalid(List.of("/a=x"), "prefix must be 1 to 253");
		assertInvalid(List.of("-"), "must not be empty");
	}

	@Test
	void refusesSettingAndRemovingOneKey() {
		assertInvalid(List.of("site=lab", "site-"), "both set and removed");
	}

	@Test
	void capsTheNumberOfLabels() {
		Map<String, String> many = new java.util.HashMap<>();
		for (int i = 0; i <= LabelSyntax.MAX_LABELS; i++) {
			many.put("k" + i, "v");
		}
		assertThatExceptionOfType(InvalidSelectorException.class).isThrownBy(() -> LabelSyntax.requireLabels(many))
			.withMessageContaining("at most 64 labels");
	}

	private static void assertInvalid(List<String> arguments, String message) {
		assertThatExceptionOfType(InvalidSelectorException.class).isThrownBy(() -> LabelChange.parse(arguments))
			.withMessageContaining(message);
	}

}
