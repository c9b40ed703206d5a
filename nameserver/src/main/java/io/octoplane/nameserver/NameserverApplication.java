package io.octoplane.nameserver;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Starts the nameserver. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NameserverApplication {

	public static void main(String[] args) {
		SpringApplication.run(NameserverApplication.class, args);
	}

	// Entry expiry is judged against this clock, so tests can move time instead of
	// sleeping.
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
