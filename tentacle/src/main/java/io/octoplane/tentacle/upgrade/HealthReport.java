package io.octoplane.tentacle.upgrade;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.octoplane.tentacle.Tentacle;
import io.octoplane.tentacle.TentacleState;
import io.octoplane.upgrade.UpgradeHome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tentacle's side of the upgrade health check: when it runs under the upgrade
 * launcher, it reports itself healthy once it is connected to the brain, which is what
 * allows an operator to confirm a preview.
 */
public final class HealthReport {

	private static final Logger logger = LoggerFactory.getLogger(HealthReport.class);

	private HealthReport() {
	}

	/**
	 * Starts watching a tentacle, if the environment says a launcher started it.
	 * @param tentacle the started tentacle
	 * @param env the process environment
	 */
	public static void whenConnected(Tentacle tentacle, Map<String, String> env) {
		String home = env.get(UpgradeHome.HOME_ENV);
		String version = env.get(UpgradeHome.VERSION_ENV);
		if (home == null || version == null) {
			return;
		}
		Thread.ofVirtual().name("upgrade-health").start(() -> {
			try {
				while (!tentacle.awaitConnected(Duration.ofMinutes(1))) {
					if (tentacle.state() == TentacleState.STOPPED) {
						return;
					}
				}
				new UpgradeHome(Path.of(home)).markHealthy(version);
				logger.info("reported version {} healthy to the upgrade launcher", version);
			}
			catch (IOException ex) {
				logger.warn("cannot report health to the upgrade launcher in {}: {}", home, ex.getMessage());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
	}

}
