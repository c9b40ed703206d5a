package io.octoplane.octl.node;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code octl node revoke}: the node's certificate is refused from now on and its
 * connection is cut at once.
 */
@Command(name = "revoke",
		description = { "Revoke a node's certificate: its connection is cut at once and refused from then on.",
				"The node needs a new certificate (enrollment) to come back." },
		footerHeading = "%nExamples:%n", footer = { "  octl node revoke pi3 --yes" })
public final class NodeRevokeCommand extends OctlCommand {

	@Parameters(paramLabel = "NAME", description = "The node.")
	private String name = "";

	@Option(names = "--yes", description = "Confirm; revoking cannot be undone.")
	private boolean yes;

	@Override
	protected int execute(Octl octl) {
		if (!this.yes) {
			throw new ParameterException(spec().commandLine(),
					"revoking " + this.name + " cannot be undone; add --yes to confirm");
		}
		octl.client().revokeNode(this.name);
		return ExitStatus.OK;
	}

}
