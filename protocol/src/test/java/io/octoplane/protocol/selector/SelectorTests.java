package io.octoplane.protocol.selector;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SelectorTests {

	private static final Map<String, String> LAB_PI = Map.of("site", "lab", "role", "sensor");

	private static final Map<String, String> PI_FACTS = Map.of("os", "debian", "arch", "arm64", "memory_total",
			"4294967296", "cpu_count", "4");

	@Test
	void equalsMatchesTheValue() {
		assertThat(matches("site=lab")).isTrue();
		assertThat(matches("site==lab")).isTrue();
		assertThat(matches("site=home")).isFalse();
		assertThat(Selector.parse("site=lab").requirements())
			.containsExactly(new Requirement("site", Operator.EQUALS, List.of("lab")));
	}

	@Test
	void notEqualsMatchesOtherValuesAndAbsentKeys() {
		assertThat(matches("role!=camera")).isTrue();
		assertThat(matches("role!=sensor")).isFalse();
		assertThat(matches("rack!=a")).isTrue();
	}

	@Test
	void inMatchesAnyValueOfTheSet() {
		assertThat(matches("arch in (arm64,armv7)")).isTrue();
		assertThat(matches("arch in ( amd64 , armv7 )")).isFalse();
		assertThat(matches("rack in (a)")).isFalse();
	}

	@Test
	void notInMatchesOtherValuesAndAbsentKeys() {
		assertThat(matches("arch notin (amd64)")).isTrue();
		assertThat(matches("arch notin(arm64,armv7)")).isFalse();
		assertThat(matches("rack notin (a)")).isTrue();
	}

	@Test
	void existsAndNotExistsLookAtTheKeyOnly() {
		assertThat(matches("site")).isTrue();
		assertThat(matches("!site")).isFalse();
		assertThat(matches("gpu")).isFalse();
		assertThat(matches("! gpu")).isTrue();
	}

	@Test
	void comparisonsReadUnits() {
		assertThat(matches("facts.memory_total>2GiB")).isTrue();
		assertThat(matches("facts.memory_total>=4Gi")).isTrue();
		assertThat(matches("facts.memory_total>4GiB")).isFalse();
		assertThat(matches("facts.memory_total<5G")).isTrue();
		assertThat(matches("facts.memory_total<=4294967295")).isFalse();
		assertThat(matches("cpu_count>=4")).isTrue();
		assertThat(matches("site>1")).isFalse();
	}

	@Test
	void plainKeysFallBackToFacts() {
		assertThat(matches("os=debian")).isTrue();
		assertThat(matches("facts.site=lab")).isFalse();
		assertThat(Selector.parse("os=ubuntu").matches(Map.of("os", "ubuntu"), PI_FACTS)).isTrue();
	}

	@Test
	void everyRequirementMustHold() {
		assertThat(matches("site=lab,role!=camera,arch in (arm64,armv7),!gpu,site,facts.memory_total>2GiB")).isTrue();
		assertThat(matches("site=lab,gpu")).isFalse();
	}

	@Test
	void printsCanonicallyAndParsesBack() {
		Selector selector = Selector.parse(" site = lab , arch in (arm64, armv7),!gpu,facts.memory_total>2GiB ");
		assertThat(selector).hasToString("site=lab,arch in (arm64,armv7),!gpu,facts.memory_total>2GiB");
		assertThat(Selector.parse(selector.toString())).isEqualTo(selector);
	}

	@Test
	void targetEntriesCarryASelector() {
		assertThat(Selector.isTarget("label:site=lab")).isTrue();
		assertThat(Selector.isTarget("@lab")).isFalse();
		assertThat(Selector.ofTarget(Selector.toTarget("site=lab"))).isEqualTo(Selector.parse("site=lab"));
	}

	@Test
	void emptyValuesAreAllowedForEquality() {
		assertThat(Selector.parse("site=").matches(Map.of("site", ""), Map.of())).isTrue();
	}

	@Test
	void badInput_isRejectedWithWhereAndWhat() {
		assertInvalid("", "empty");
		assertInvalid("   ", "empty");
		assertInvalid("site=lab,", "expected a label key or facts.NAME at column 10");
		assertInvalid(",site", "expected a label key");
		assertInvalid("site lab", "an operator");
		assertInvalid("arch in arm64", "'(' to open the set");
		assertInvalid("arch in (arm64", "',' or ')'");
		assertInvalid("arch in ()", "a value in the set");
		assertInvalid("arch in (a,)", "a value in the set");
		assertInvalid("site=lab)", "',' or the end");
		assertInvalid("-site=lab", "start and end with an alphanumeric");
		assertInvalid("Example.com/site=lab", "prefix must be a DNS subdomain");
		assertInvalid("a".repeat(64) + "=x", "at most 63 characters");
		assertInvalid("facts.memory_total>lots", "needs a number");
		assertInvalid("facts.memory_total>", "needs a number");
		assertInvalid("facts.=x", "fact 'facts.'");
		assertInvalid("site=l a b", "',' or the end");
		assertInvalid("x".repeat(5000), "at most 4096");
		assertInvalid("site=" + "v".repeat(254), "longer than 253");
	}

	@Test
	void quantitiesReadDecimalAndBinaryUnits() {
		assertThat(Quantity.parse("2GiB")).hasValue(2147483648.0);
		assertThat(Quantity.parse("2Gi")).hasValue(2147483648.0);
		assertThat(Quantity.parse("2G")).hasValue(2e9);
		assertThat(Quantity.parse("512MB")).hasValue(512e6);
		assertThat(Quantity.parse("1.5k")).hasValue(1500.0);
		assertThat(Quantity.parse("4")).hasValue(4.0);
		assertThat(Quantity.parse("-1")).hasValue(-1.0);
		assertThat(Quantity.parse("GiB")).isEmpty();
		assertThat(Quantity.parse("debian")).isEmpty();
		assertThat(Quantity.parse("1e9")).isEmpty();
	}

	private static boolean matches(String selector) {
		return Selector.parse(selector).matches(LAB_PI, PI_FACTS);
	}

	private static void assertInvalid(String selector, String message) {
		assertThatExceptionOfType(InvalidSelectorException.class).isThrownBy(() -> Selector.parse(selector))
			.withMessageContaining(message);
	}

}
