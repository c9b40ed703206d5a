package io.octoplane.octl.node;

import java.io.Console;
import java.util.Locale;

import io.octoplane.octl.ExitException;
import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.daemon.TerminalBound;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code octl node revoke}: the node's certificate is refused from now on and its
 * connection is cut at once. Prints nothing when it worked.
 */
@Command(name = "revoke",
		description = { "Revoke a node's certificate: its connection is cut at once and refused from then on.",
				"The node needs a new certificate (enrollment) to come back. Asks for confirmation on a terminal; "
						+ "scripts pass --yes. Prints nothing on success." },
		footerHeading = "%nExamples:%n", footer = { "  octl node revoke pi3", "  octl node revoke pi3 --yes" })
public final class NodeRevokeCommand extends OctlCommand implements TerminalBound {

	@Parameters(paramLabel = "NAME", description = "The node.")
	private String name = "";

	@Option(names = "--yes", description = "Do not ask for confirmation; revoking cannot be undone.")
	private boolean yes;

	@Override
	protected int execute(Octl octl) {
		if (!this.yes) {
			confirm(octl);
		}
		octl.client().nodes().revoke(this.name);
		return ExitStatus.OK;
	}

	private void confirm(Octl octl) {
		Console console = octl.terminal();
		if (console == null) {
			throw new ParameterException(spec().commandLine(),
					"revoking " + this.name + " cannot be undone; add --yes to confirm");
		}
		String answer = console.readLine(
				"Revoke node %s? Its connection is cut and it cannot come back without " + "enrolling again. [y/N] ",
				this.name);
		if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).matches("y|yes")) {
			throw new ExitException(ExitStatus.GENERIC, "not revoked: " + this.name);
		}
	}

}
