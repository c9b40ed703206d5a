package io.octoplane.octl.upgrade;

import java.io.PrintWriter;
import java.time.Instant;

import io.octoplane.client.BrainUpgradeApi;
import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.protocol.api.BrainUpgradeRequest;
import io.octoplane.protocol.api.BrainUpgradeResponse;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code octl upgrade ACTION [VERSION] brain}: the brain's upgrade API instead of a
 * command on nodes. The brain restarts when it switches versions, so the answer to
 * {@code upgrade} comes from the old version and tells the operator how to go on.
 */
final class BrainUpgrade {

	private BrainUpgrade() {
	}

	static int run(Octl octl, CommandSpec spec, String action, @Nullable String version, @Nullable Instant since,
			@Nullable Integer limit) {
		BrainUpgradeApi api = octl.client().brainUpgrade();
		switch (action) {
			case "state" -> octl.printer(spec).print(api.state(), UpgradeTables::brainState);
			case "history" -> octl.printer(spec).print(api.history(since, limit), UpgradeTables::brainHistory);
			default -> {
				BrainUpgradeResponse response = api.apply(new BrainUpgradeRequest(action, version));
				octl.printer(spec).print(response, (answer) -> UpgradeTables.brainState(answer.state()));
				PrintWriter err = spec.commandLine().getErr();
				err.println("octl: " + response.message());
				if (response.restarting() && !"cancel".equals(action) && !"clean".equals(action)) {
					err.println("octl: its tentacles reconnect meanwhile (to another brain on the same Redis, if "
							+ "there is one). When 'octl upgrade state brain' shows healthy " + version
							+ ", run 'octl upgrade confirm brain'. Upgrade several brains one at a time.");
				}
				err.flush();
			}
		}
		return ExitStatus.OK;
	}

}
