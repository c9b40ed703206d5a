package io.octoplane.octl.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DurationConverterTests {

	@Test
	void readsEveryOctoplaneForm() {
		DurationConverter converter = new DurationConverter();
		assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(converter.convert("30d")).isEqualTo(Duration.ofDays(30));
		assertThat(converter.convert("90")).isEqualTo(Duration.ofSeconds(90));
		assertThat(converter.convert("PT1M")).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void convert_zeroOrGarbage() {
		DurationConverter converter = new DurationConverter();
		assertThatExceptionOfType(TypeConversionException.class).isThrownBy(() -> converter.convert("0s"))
			.withMessageContaining("longer than zero");
		assertThatExceptionOfType(TypeConversionException.class).isThrownBy(() -> converter.convert("5 days"))
			.withMessageContaining("is not a duration");
	}

	@Test
	void orZeroTakesZeroInAnyForm() {
		DurationConverter.OrZero converter = new DurationConverter.OrZero();
		assertThat(converter.convert("0")).isZero();
		assertThat(converter.convert("0ms")).isZero();
		assertThat(converter.convert("PT0S")).isZero();
		assertThat(converter.convert("7d")).isEqualTo(Duration.ofDays(7));
		assertThatExceptionOfType(TypeConversionException.class).isThrownBy(() -> converter.convert("-1s"));
	}

}
