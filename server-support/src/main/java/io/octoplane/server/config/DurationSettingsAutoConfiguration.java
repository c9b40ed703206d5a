package io.octoplane.server.config;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.annotation.Bean;

/**
 * Makes every duration setting of a server read as octl and tentacle.yaml read durations,
 * and refuses bare numbers. Not tied to a web application: the brain's admin commands
 * bind the same settings without starting a web server.
 */
@AutoConfiguration
public class DurationSettingsAutoConfiguration {

	// Static: converters for property binding are needed before this configuration
	// class itself is created.
	@Bean
	@ConfigurationPropertiesBinding
	static DurationSettingConverter durationSettingConverter() {
		return new DurationSettingConverter();
	}

	@Bean
	static BareDurationRefusal bareDurationRefusal() {
		return new BareDurationRefusal();
	}

}
