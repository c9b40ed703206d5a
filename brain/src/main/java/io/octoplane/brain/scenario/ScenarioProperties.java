package io.octoplane.brain.scenario;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Scenario limits.
 *
 * @param scriptTimeout run time limit of one script on one node
 * @param maxArchive largest compressed scenario folder, and largest compressed archive
 * shipped inline to one nodeapp (it travels in one agent frame, so it must stay well
 * under the frame limit)
 * @param maxUnpacked largest scenario folder once unpacked
 */
@ConfigurationProperties("octoplane.scenario")
record ScenarioProperties(@DefaultValue("10m") Duration scriptTimeout, @DefaultValue("2MB") DataSize maxArchive,
		@DefaultValue("64MB") DataSize maxUnpacked) {

}
