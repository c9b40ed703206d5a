package io.octoplane.brain.upgrade;

import java.nio.file.Path;
import java.util.Optional;

import io.octoplane.upgrade.UpgradeHome;

import org.springframework.core.env.Environment;

/**
 * What the upgrade launcher told this brain through its environment: the upgrade home,
 * the version it started, and the release key downloads must be signed with.
 *
 * @param home the upgrade home
 * @param version the version running
 * @param releaseKey the release public key file
 */
record LaunchedBrain(UpgradeHome home, String version, Path releaseKey) {

	/**
	 * Reads the launcher's variables; Spring's environment holds the process environment
	 * and lets tests set them as properties.
	 * @param environment the brain's environment
	 * @return the launcher's settings, or empty when the brain was not started by one
	 */
	static Optional<LaunchedBrain> of(Environment environment) {
		String home = environment.getProperty(UpgradeHome.HOME_ENV);
		String version = environment.getProperty(UpgradeHome.VERSION_ENV);
		if (home == null || home.isBlank() || version == null || version.isBlank()) {
			return Optional.empty();
		}
		UpgradeHome upgradeHome = new UpgradeHome(Path.of(home));
		String key = environment.getProperty(UpgradeHome.RELEASE_KEY_ENV);
		return Optional.of(new LaunchedBrain(upgradeHome, version,
				(key == null || key.isBlank()) ? upgradeHome.defaultReleaseKey() : Path.of(key)));
	}

}
