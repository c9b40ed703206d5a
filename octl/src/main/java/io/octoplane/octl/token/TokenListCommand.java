package io.octoplane.octl.token;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.TokenListResponse;
import picocli.CommandLine.Command;

/**
 * {@code octl token list}: the tokens of the acting workgroup and below, without secrets.
 */
@Command(name = "list", description = "List tokens of the acting workgroup and below (secrets are never shown).",
		footerHeading = "%nExamples:%n", footer = { "  octl token list -o table" })
public final class TokenListCommand extends OctlCommand {

	@Override
	protected int execute(Octl octl) {
		TokenListResponse tokens = octl.client().tokens().list();
		octl.printer(spec()).print(tokens, TokenListCommand::table);
		return ExitStatus.OK;
	}

	static String table(TokenListResponse tokens) {
		Table table = Table.withHeaders("ID", "ROLE", "WORKGROUP", "EXPIRES", "USES_LEFT", "CREATED_BY", "DESCRIPTION");
		tokens.tokens()
			.forEach((token) -> table.row(token.id(), token.role(), token.workgroup(), token.expiresAt().toString(),
					(token.usesLeft() != null) ? token.usesLeft().toString() : "-", token.createdBy(),
					(token.description() != null) ? token.description() : ""));
		return table.render();
	}

}
