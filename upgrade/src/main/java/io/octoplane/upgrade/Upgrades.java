package io.octoplane.upgrade;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The state changes behind the upgrade commands, on an upgrade home; the launcher acts on
 * them. Each refuses, with a message saying why, when the home is not in a state that
 * allows it.
 */
public final class Upgrades {

	private final UpgradeComponent component;

	private final UpgradeHome home;

	private final Clock clock;

	/**
	 * Creates the operations for an upgrade home.
	 * @param component what the home holds, for the messages
	 * @param home the home
	 * @param clock the clock for the history
	 */
	public Upgrades(UpgradeComponent component, UpgradeHome home, Clock clock) {
		this.component = component;
		this.home = home;
		this.clock = clock;
	}

	/**
	 * Puts an installed version on trial; the launcher switches to it.
	 * @param version the version, newer or older than the stable one
	 * @param action {@code upgrade} or {@code downgrade}, for the history
	 * @throws IllegalStateException if the version is not installed, is the stable one,
	 * or another trial is running
	 * @throws IOException if the home cannot be written
	 */
	public void preview(String version, String action) throws IOException {
		if (!this.home.installed(version)) {
			throw new IllegalStateException(version + " is not installed; install it first");
		}
		if (this.home.preview().isPresent()) {
			throw new IllegalStateException(
					this.home.preview().get() + " is on trial; confirm or cancel it before trying another version");
		}
		if (this.home.stable().filter(version::equals).isPresent()) {
			throw new IllegalStateException(version + " is the stable version already");
		}
		this.home.setPreview(version);
		this.home.record(this.clock.instant(), action, version, "");
	}

	/**
	 * Makes the version on trial the stable one.
	 * @return the version confirmed
	 * @throws IllegalStateException if no version is on trial or it has not reported
	 * itself healthy yet
	 * @throws IOException if the home cannot be written
	 */
	public String confirm() throws IOException {
		String preview = this.home.preview()
			.orElseThrow(() -> new IllegalStateException("no version is on trial; nothing to confirm"));
		if (this.home.healthy().filter(preview::equals).isEmpty()) {
			throw new IllegalStateException(
					preview + " has not " + this.component.healthyWhen() + " yet; confirm after it has");
		}
		this.home.setStable(preview);
		this.home.clearPreview();
		this.home.record(this.clock.instant(), "confirm", preview, "");
		return preview;
	}

	/**
	 * Removes the installed versions nothing runs or may go back to: all but the stable
	 * version, the one on trial and the one that last reported itself healthy.
	 * @return the versions removed, in name order
	 * @throws IOException if the home cannot be read or a package cannot be deleted
	 */
	public List<String> clean() throws IOException {
		Set<String> kept = new HashSet<>();
		this.home.stable().ifPresent(kept::add);
		this.home.preview().ifPresent(kept::add);
		this.home.healthy().ifPresent(kept::add);
		List<String> removed = new ArrayList<>();
		for (String version : this.home.installedVersions()) {
			if (!kept.contains(version) && Files.deleteIfExists(this.home.release(version))) {
				removed.add(version);
			}
		}
		if (!removed.isEmpty()) {
			this.home.record(this.clock.instant(), "clean", String.join(",", removed), "");
		}
		return removed;
	}

	/**
	 * Ends the trial at once; the launcher goes back to the stable version.
	 * @return the version that was on trial
	 * @throws IllegalStateException if no version is on trial
	 * @throws IOException if the home cannot be written
	 */
	public String cancel() throws IOException {
		String preview = this.home.preview()
			.orElseThrow(() -> new IllegalStateException("no version is on trial; nothing to cancel"));
		this.home.clearPreview();
		this.home.record(this.clock.instant(), "cancel", preview, "");
		return preview;
	}

}
