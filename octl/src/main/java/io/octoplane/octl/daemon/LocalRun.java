package io.octoplane.octl.daemon;

import io.octoplane.octl.Octl;

/**
 * Runs octl in the caller's own process. Kept apart from {@link DaemonFront} so the
 * classes of a full octl run load only when a call really runs here.
 */
final class LocalRun {

	private LocalRun() {
	}

	static int run(String[] args) {
		return new Octl().commandLine(args).execute(args);
	}

}
