package io.octoplane.octl.token;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code octl token}: groups the token commands.
 */
@Command(name = "token", description = "Manage API tokens (for scripts) and join tokens (for enrolling nodes).",
		subcommands = { TokenCreateCommand.class, TokenListCommand.class, TokenRevokeCommand.class },
		footerHeading = "%nExamples:%n", footer = { "  octl token create --role node --ttl 1h", "  octl token list",
				"  octl token revoke 3f9a0c1d2e4b5a69" })
public final class TokenCommand implements Runnable {

	@Spec
	private CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "missing command: use 'octl token create|list|revoke'");
	}

}
