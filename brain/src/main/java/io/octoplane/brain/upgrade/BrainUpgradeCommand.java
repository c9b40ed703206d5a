package io.octoplane.brain.upgrade;

import io.octoplane.upgrade.ReleaseSource;
import io.octoplane.upgrade.UpgradeComponent;
import io.octoplane.upgrade.UpgradeTool;

/**
 * {@code java -jar brain.jar upgrade --home DIR ...}: the upgrade commands on a brain's
 * upgrade home, run before (and without) Spring. {@code launch} runs the brain under the
 * launcher; {@code init} takes the first stable version. Downloads need the brain's
 * nameserver and certificate, which only the running brain has, so {@code install} is
 * refused here: operators install through the running brain ({@code octl upgrade install
 * VERSION brain}).
 */
public final class BrainUpgradeCommand {

	/** The first argument that selects these commands. */
	public static final String NAME = "upgrade";

	private static final ReleaseSource RUNNING_BRAIN_ONLY = (config) -> {
		throw new IllegalStateException("the running brain downloads its releases: octl upgrade install VERSION brain");
	};

	private BrainUpgradeCommand() {
	}

	/**
	 * Runs the commands.
	 * @param args the arguments after {@code upgrade}
	 * @return the exit status: 0 on success, 2 for a usage error, 3 when the home does
	 * not allow the command
	 */
	public static int run(String[] args) {
		return UpgradeTool.commandLine(UpgradeComponent.BRAIN, RUNNING_BRAIN_ONLY)
			.setCommandName("brain upgrade")
			.execute(args);
	}

}
