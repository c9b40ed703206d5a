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
 * @param lockLease how long a scenario's lock outlives the brain holding it: the holder
 * renews it while its apply runs, so this is how soon a scenario whose brain died
 * mid-apply can be applied again
 */
@ConfigurationProperties("octoplane.scenario")
record ScenarioProperties(@DefaultValue("10m") Duration scriptTimeout, @DefaultValue("512MB") DataSize maxUnpacked,
		@DefaultValue("30s") Duration lockLease) {

}
