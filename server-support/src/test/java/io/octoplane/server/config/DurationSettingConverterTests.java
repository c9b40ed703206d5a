package io.octoplane.server.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

class DurationSettingConverterTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(SettingsConfiguration.class);

	@Test
	void settingsReadTheOctoplaneGrammar() {
		this.runner.withPropertyValues("test.wait-offline=30d", "test.timeout=PT90S").run((context) -> {
			Settings settings = context.getBean(Settings.class);
			assertThat(settings.waitOffline()).isEqualTo(Duration.ofDays(30));
			assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(90));
			assertThat(settings.unitDeclared()).isEqualTo(Duration.ofSeconds(5));
		});
	}

	@Test
	void defaultsReadTheOctoplaneGrammar() {
		this.runner
			.run((context) -> assertThat(context.getBean(Settings.class).waitOffline()).isEqualTo(Duration.ofDays(7)));
	}

	@Test
	void bareNumberIsRefusedAskingForAUnit() {
		this.runner.withPropertyValues("test.timeout=60")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'60' has no unit: write 60s for seconds or 60ms for milliseconds"));
		this.runner.withPropertyValues("test.timeout=60")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'test.timeout'"));
	}

	@Test
	void blanksAroundAUnitAreAllowedAsEverywhereElse() {
		this.runner.withPropertyValues("test.timeout=5 s")
			.run((context) -> assertThat(context.getBean(Settings.class).timeout()).isEqualTo(Duration.ofSeconds(5)));
	}

	@Test
	void aDeclaredUnitKeepsSpringsReading() {
		this.runner.withPropertyValues("test.unit-declared=7")
			.run((context) -> assertThat(context.getBean(Settings.class).unitDeclared())
				.isEqualTo(Duration.ofSeconds(7)));
	}

	@ConfigurationProperties("test")
	record Settings(@DefaultValue("7d") Duration waitOffline, @DefaultValue("1m") Duration timeout,
			@DefaultValue("5") @DurationUnit(ChronoUnit.SECONDS) Duration unitDeclared) {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(Settings.class)
	@Import(DurationSettingsAutoConfiguration.class)
	static class SettingsConfiguration {

	}

}
