package io.octoplane.octl.token;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code octl token revoke}: the token stops working at once.
 */
@Command(name = "revoke", description = "Revoke a token by its id; it stops working at once.",
		footerHeading = "%nExamples:%n", footer = { "  octl token revoke 3f9a0c1d2e4b5a69" })
public final class TokenRevokeCommand extends OctlCommand {

	@Parameters(paramLabel = "ID", description = "The token's id, as 'octl token list' shows it.")
	private String id = "";

	@Override
	protected int execute(Octl octl) {
		octl.client().tokens().revoke(this.id);
		return ExitStatus.OK;
	}

}
