package io.octoplane.brain.enroll;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the fleet CA's certificate and key are, for enrollment and renewal. Both empty
 * (the default) disables them: nodes then get certificates only from {@code certs node}.
 * A brain that holds the CA key can mint any node certificate, so protect the file as
 * such (or point these at an intermediate CA used only for nodes).
 *
 * @param certificate PEM file of the CA certificate, or empty
 * @param privateKey PEM file of the CA private key, or empty
 * @param nodeValidity validity of the node certificates the brain signs
 */
@ConfigurationProperties("octoplane.ca")
public record FleetCaProperties(@DefaultValue("") String certificate, @DefaultValue("") String privateKey,
		@DefaultValue("90d") Duration nodeValidity) {

}
