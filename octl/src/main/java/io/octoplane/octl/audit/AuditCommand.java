package io.octoplane.octl.audit;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.AuditResponse;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code octl audit}: who changed what, from where, with what outcome.
 */
@Command(name = "audit",
		description = { "Show the audit trail of the acting workgroup and below, newest first: every mutating call "
				+ "and every refused one.", "JSON and YAML also hold each call's source address and detail." },
		footerHeading = "%nExamples:%n", footer = { "  octl audit -o table", "  octl audit --limit 500",
				"  octl audit --limit 100 --cursor CURSOR   # the next_cursor of the page before" })
public final class AuditCommand extends OctlCommand {

	private static final int MAX_LIMIT = 1000;

	@Option(names = "--limit", paramLabel = "N", description = "Entries to show, 1 to 1000 (default 50).")
	private int limit = 50;

	@Option(names = "--cursor", paramLabel = "CURSOR",
			description = "Start the page where the previous one ended (its next_cursor).")
	private @Nullable String cursor;

	@Override
	protected int execute(Octl octl) {
		if (this.limit < 1 || this.limit > MAX_LIMIT) {
			throw new ParameterException(spec().commandLine(), "--limit must be between 1 and " + MAX_LIMIT);
		}
		AuditResponse audit = octl.client().audit().page(this.limit, this.cursor);
		octl.printer(spec()).print(audit, AuditCommand::table);
		octl.noteNextPage(spec(), audit.nextCursor());
		return ExitStatus.OK;
	}

	static String table(AuditResponse audit) {
		Table table = Table.withHeaders("TIME", "CALLER", "WORKGROUP", "ACTION", "STATUS", "TARGETS");
		audit.entries()
			.forEach((entry) -> table.row(entry.time().toString(), entry.caller(), entry.workgroup(), entry.action(),
					Integer.toString(entry.status()), String.join(",", entry.targets())));
		return table.render();
	}

}
