package io.octoplane.protocol.duration;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DurationTextTests {

	@Test
	void parsesEveryUnit() {
		assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(DurationText.parse("10s")).isEqualTo(Duration.ofSeconds(10));
		assertThat(DurationText.parse("2m")).isEqualTo(Duration.ofMinutes(2));
		assertThat(DurationText.parse("1h")).isEqualTo(Duration.ofHours(1));
		assertThat(DurationText.parse("7d")).isEqualTo(Duration.ofDays(7));
		assertThat(DurationText.parse("30d")).isEqualTo(Duration.ofDays(30));
	}

	@Test
	void bareNumbersAreSeconds() {
		assertThat(DurationText.parse("90")).isEqualTo(Duration.ofSeconds(90));
		assertThat(DurationText.parse("0")).isZero();
	}

	@Test
	void parsesIsoInAnyCase() {
		assertThat(DurationText.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
		assertThat(DurationText.parse("pt10s")).isEqualTo(Duration.ofSeconds(10));
		assertThat(DurationText.parse("P7D")).isEqualTo(Duration.ofDays(7));
	}

	@Test
	void ignoresCaseAndBlanks() {
		assertThat(DurationText.parse(" 2M ")).isEqualTo(Duration.ofMinutes(2));
		assertThat(DurationText.parse("5 s")).isEqualTo(Duration.ofSeconds(5));
		assertThat(DurationText.parse("250MS")).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void parse_garbageNamesTheAcceptedForms() {
		for (String text : new String[] { "", " ", "soon", "5 days", "1.5h", "10sec", "s", "10 s s", "1w", "10us" }) {
			assertThatIllegalArgumentException().as(text)
				.isThrownBy(() -> DurationText.parse(text))
				.withMessageContaining("is not a duration")
				.withMessageContaining("500ms, 10s, 2m, 1h, 7d");
		}
	}

	@Test
	void parse_negative() {
		assertThatIllegalArgumentException().isThrownBy(() -> DurationText.parse("-5s"))
			.withMessageContaining("'-5s' is not a duration");
		assertThatIllegalArgumentException().isThrownBy(() -> DurationText.parse("PT-5S"))
			.withMessageContaining("must not be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> DurationText.parse("-PT5S"))
			.withMessageContaining("must not be negative");
	}

	@Test
	void parse_tooLarge() {
		assertThatIllegalArgumentException().isThrownBy(() -> DurationText.parse("99999999999999999999s"))
			.withMessageContaining("too large");
		assertThatIllegalArgumentException().isThrownBy(() -> DurationText.parse("9223372036854775807d"))
			.withMessageContaining("too large");
	}

	@Test
	void parsePositive_zero() {
		assertThat(DurationText.parsePositive("1ms")).isEqualTo(Duration.ofMillis(1));
		for (String text : new String[] { "0", "0s", "0ms", "PT0S" }) {
			assertThatIllegalArgumentException().as(text)
				.isThrownBy(() -> DurationText.parsePositive(text))
				.withMessageContaining("must be longer than zero");
		}
	}

	@Test
	void parseWithUnit_bareNumber() {
		assertThat(DurationText.parseWithUnit("30s")).isEqualTo(Duration.ofSeconds(30));
		assertThat(DurationText.parseWithUnit("PT30S")).isEqualTo(Duration.ofSeconds(30));
		assertThatIllegalArgumentException().isThrownBy(() -> DurationText.parseWithUnit(" 60 "))
			.withMessageContaining("'60' has no unit: write 60s for seconds or 60ms for milliseconds");
	}

}
