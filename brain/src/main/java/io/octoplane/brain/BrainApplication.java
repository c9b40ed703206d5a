package io.octoplane.brain;

import java.util.Arrays;

import io.octoplane.brain.admin.SetRootPasswordCommand;
import io.octoplane.brain.upgrade.BrainUpgradeCommand;
import io.octoplane.upgrade.LauncherWatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the brain. Lettuce's Micrometer observation is left out: an observation per
 * Redis command (start, stop, timer) costs the brain more than the command itself on a
 * fan-out to thousands of nodes, and nothing reads them. It is excluded here rather than
 * with {@code spring.autoconfigure.exclude}, which commands such as set-root-password set
 * for themselves and a value in application.yaml would replace.
 */
@SpringBootApplication(
		excludeName = "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration")
@ConfigurationPropertiesScan
public class BrainApplication {

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && SetRootPasswordCommand.NAME.equals(args[0])) {
			System.exit(SetRootPasswordCommand.run(Arrays.copyOfRange(args, 1, args.length)));
		}
		// The launcher and the upgrade commands run without Spring: the launcher's JVM
		// outlives every brain it starts.
		if (args.length > 0 && BrainUpgradeCommand.NAME.equals(args[0])) {
			System.exit(BrainUpgradeCommand.run(Arrays.copyOfRange(args, 1, args.length)));
		}
		LauncherWatch.exitWithLauncher(System.getenv());
		SpringApplication.run(BrainApplication.class, args);
	}

}
