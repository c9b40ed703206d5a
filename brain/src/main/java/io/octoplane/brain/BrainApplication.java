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
 *
 * <p>
 * Netty's buffer leak detection is off unless the JVM is started with
 * {@code -Dio.netty.leakDetection.level}: in its default mode it records a stack trace
 * for one Redis buffer in 128, over a hundred a second in a fan-out to a thousand nodes,
 * to find leaks that Lettuce's own tests look for.
 */
@SpringBootApplication(
		excludeName = "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration")
@ConfigurationPropertiesScan
public class BrainApplication {

	private static final String LEAK_DETECTION_LEVEL = "io.netty.leakDetection.level";

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
		if (System.getProperty(LEAK_DETECTION_LEVEL) == null) {
			System.setProperty(LEAK_DETECTION_LEVEL, "disabled");
		}
		SpringApplication.run(BrainApplication.class, args);
	}

}
