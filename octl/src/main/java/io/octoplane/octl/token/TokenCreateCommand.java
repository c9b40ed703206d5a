package io.octoplane.octl.token;

import java.time.Duration;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.config.DurationConverter;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.TokenRequest;
import io.octoplane.protocol.api.TokenResponse;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code octl token create}: a new token; its secret is printed this once only.
 */
@Command(name = "create",
		description = { "Create a token in the acting workgroup. Its secret is shown only now.",
				"operator: an API token for scripts (Authorization: Bearer ...).",
				"node: a join token; a new tentacle enrolls with it and gets its certificate." },
		footerHeading = "%nExamples:%n", footer = { "  octl token create --role operator --ttl 12h --description ci",
				"  octl token create --role node --ttl 1h --uses 20" })
public final class TokenCreateCommand extends OctlCommand {

	@Option(names = "--role", required = true, paramLabel = "operator|node", description = "What the token is for.")
	private String role = "";

	@Option(names = "--ttl", required = true, converter = DurationConverter.class, paramLabel = "DURATION",
			description = "Lifetime, such as 30m, 12h or 7d.")
	private Duration ttl = Duration.ZERO;

	@Option(names = "--uses", paramLabel = "N", description = "Enrollments a join token allows (default 1).")
	private @Nullable Integer uses;

	@Option(names = "--description", paramLabel = "TEXT", description = "Shown in 'octl token list'.")
	private @Nullable String description;

	@Override
	protected int execute(Octl octl) {
		TokenResponse token = octl.client()
			.tokens()
			.create(new TokenRequest(this.role, Math.max(1, this.ttl.toSeconds()), this.uses, this.description));
		octl.printer(spec()).print(token, TokenCreateCommand::table);
		return ExitStatus.OK;
	}

	static String table(TokenResponse token) {
		Table table = Table.withHeaders("ID", "ROLE", "WORKGROUP", "EXPIRES", "SECRET (shown only now)");
		table.row(token.id(), token.role(), token.workgroup(), token.expiresAt().toString(),
				(token.token() != null) ? token.token() : "");
		return table.render();
	}

}
