package io.octoplane.brain.scenario;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Scenario limits.
 *
 * @param scriptTimeout run time limit of one script on one node, unless the deployment
 * file sets one ({@code timeout} at its top or on a script)
 * @param maxUnpacked largest scenario folder once unpacked (a node unpacks at most 512MB
 * of one application's files)
 */
@ConfigurationProperties("octoplane.scenario")
record ScenarioProperties(@DefaultValue("10m") Duration scriptTimeout, @DefaultValue("512MB") DataSize maxUnpacked) {

}
