package io.octoplane.brain;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the brain. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BrainApplication {

	public static void main(String[] args) {
		SpringApplication.run(BrainApplication.class, args);
	}

}
