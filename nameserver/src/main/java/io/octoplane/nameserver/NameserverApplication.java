package io.octoplane.nameserver;

import java.time.Clock;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Starts the nameserver. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NameserverApplication {

	/**
	 * The name of the nameserver's configuration files ({@code nameserver.yaml}), so that
	 * it never picks up a brain's {@code application.yaml} on a shared class path or in a
	 * shared working folder.
	 */
	public static final String CONFIG_NAME = "nameserver";

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(NameserverApplication.class);
		application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
		application.run(args);
	}

	// Entry expiry is judged against this clock,
	// so tests can move time instead of sleeping.
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
