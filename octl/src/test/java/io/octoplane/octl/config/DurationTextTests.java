package io.octoplane.octl.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DurationTextTests {

	@Test
	void parsesUnitsAndPlainSeconds() {
		assertThat(DurationText.parse("30s")).isEqualTo(Duration.ofSeconds(30));
		assertThat(DurationText.parse("5m")).isEqualTo(Duration.ofMinutes(5));
		assertThat(DurationText.parse("1h")).isEqualTo(Duration.ofHours(1));
		assertThat(DurationText.parse("250ms")).isEqualTo(Duration.ofMillis(250));
		assertThat(DurationText.parse("90")).isEqualTo(Duration.ofSeconds(90));
		assertThat(DurationText.parse(" 2M ")).isEqualTo(Duration.ofMinutes(2));
		assertThat(DurationText.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void rejectsZeroAndGarbage() {
		assertThatIllegalArgumentException().isThrownBy(() -> DurationText.parse("0s"))
			.withMessageContaining("positive");
		assertThatIllegalArgumentException().isThrownBy(() -> DurationText.parse("-5s"))
			.withMessageContaining("invalid duration '-5s'");
		assertThatIllegalArgumentException().isThrownBy(() -> DurationText.parse("5 days"))
			.withMessageContaining("like 30s, 5m or 1h");
		assertThatIllegalArgumentException().isThrownBy(() -> DurationText.parse("99999999999999999999s"));
	}

}
