package io.octoplane.octl.wg;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.protocol.api.WorkgroupResponse;
import picocli.CommandLine.Command;

/**
 * {@code octl wg pwd}: the workgroup calls act in, as the brain sees it.
 */
@Command(name = "pwd",
		description = {
				"Print the acting workgroup: the config's 'workgroup' (set by 'octl wg cd'), else the one "
						+ "octl logs in as (/ for an operator certificate, the user for a password, the token's own).",
				"Asks the brain, so a workgroup that no longer exists fails with exit status 3." },
		footerHeading = "%nExamples:%n", footer = { "  octl wg pwd -o table", "  octl wg pwd" })
public final class WgPwdCommand extends OctlCommand {

	@Override
	protected int execute(Octl octl) {
		WorkgroupResponse acting = octl.client().workgroups().get(null);
		octl.printer(spec()).print(new WorkgroupPath(acting.path()), WorkgroupPath::table);
		return ExitStatus.OK;
	}

}
