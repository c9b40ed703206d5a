package io.octoplane.octl.ssh;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code octl ssh del NAME}: forgets an SSH login. */
@Command(name = "del", aliases = "delete", description = "Delete an SSH login of the acting workgroup.",
		footerHeading = "%nExamples:%n", footer = { "  octl ssh del pi-24" })
public final class SshDeleteCommand extends OctlCommand {

	@Parameters(index = "0", paramLabel = "NAME", description = "The login's name.")
	private String name;

	@Override
	protected int execute(Octl octl) {
		octl.client().ssh().delete(this.name);
		spec().commandLine().getErr().println("octl: deleted ssh login " + this.name);
		return ExitStatus.OK;
	}

}
