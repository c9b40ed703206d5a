package io.octoplane.octl.token;

import java.time.Duration;
import java.util.Set;

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
import picocli.CommandLine.ParameterException;

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

	private static final Set<String> ROLES = Set.of("operator", "node");

	@Option(names = "--role", required = true, paramLabel = "operator|node",
			description = "What the token is for: operator (API token) or node (join token).")
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
		if (!ROLES.contains(this.role)) {
			throw new ParameterException(spec().commandLine(),
					"--role must be operator or node, not '" + this.role + "'");
		}
		if (this.uses != null && this.uses < 1) {
			throw new ParameterException(spec().commandLine(), "--uses must be at least 1");
		}
		TokenResponse token = octl.client()
			.tokens()
			.create(new TokenRequest(this.role, Math.max(1, this.ttl.toSeconds()), this.uses, this.description));
		octl.printer(spec()).print(token, TokenCreateCommand::table);
		return ExitStatus.OK;
	}

	static String table(TokenResponse token) {
		Table table = Table.withHeaders("ID", "ROLE", "WORKGROUP", "EXPIRES", "USES_LEFT", "DESCRIPTION");
		table.row(token.id(), token.role(), token.workgroup(), token.expiresAt().toString(), token.usesLeft(),
				(token.description() != null) ? token.description() : "");
		String secret = (token.token() != null) ? token.token() : "(not returned by the brain)";
		String use = "operator".equals(token.role()) ? "send it as 'Authorization: Bearer <token>' or set tokenFile"
				: "give it to the new tentacles to enroll with";
		return table.render() + "\nTOKEN: " + secret + "\nSave it now: it cannot be shown again (" + use + ").\n";
	}

}
