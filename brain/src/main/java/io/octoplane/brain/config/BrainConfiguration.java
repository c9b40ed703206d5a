package io.octoplane.brain.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;

import io.octoplane.protocol.api.BrainInfo;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock every feature reads time from, and the brain's identity. */
@Configuration(proxyBeanMethods = false)
class BrainConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	BrainIdentity brainIdentity(BrainProperties properties, @Value("${server.port:12345}") int port) {
		String name = properties.name().isBlank() ? hostName() : properties.name();
		String addr = properties.advertisedAddress().isBlank() ? hostName() + ":" + port
				: properties.advertisedAddress();
		String version = BrainIdentity.class.getPackage().getImplementationVersion();
		return new BrainIdentity(new BrainInfo(name, (version != null) ? version : "dev", addr));
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "brain";
		}
	}

}
