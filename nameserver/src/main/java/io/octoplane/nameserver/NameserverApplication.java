package io.octoplane.nameserver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the nameserver. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NameserverApplication {

	public static void main(String[] args) {
		SpringApplication.run(NameserverApplication.class, args);
	}

}
