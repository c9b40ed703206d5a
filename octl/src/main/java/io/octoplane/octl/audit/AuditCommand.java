package io.octoplane.octl.audit;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.AuditResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code octl audit}: who changed what, from where, with what outcome.
 */
@Command(name = "audit",
		description = "Show the audit trail of the acting workgroup and below, newest first: every mutating call "
				+ "and every refused one.",
		footerHeading = "%nExamples:%n", footer = { "  octl audit -o table", "  octl audit --limit 500" })
public final class AuditCommand extends OctlCommand {

	@Option(names = "--limit", paramLabel = "N", description = "Entries to show, 1 to 1000 (default 50).")
	private int limit = 50;

	@Override
	protected int execute(Octl octl) {
		AuditResponse audit = octl.client().audit(this.limit);
		octl.printer(spec()).print(audit, AuditCommand::table);
		return ExitStatus.OK;
	}

	static String table(AuditResponse audit) {
		Table table = Table.withHeaders("TIME", "CALLER", "WORKGROUP", "SOURCE", "ACTION", "STATUS", "TARGETS");
		audit.entries()
			.forEach((entry) -> table.row(entry.time().toString(), entry.caller(), entry.workgroup(), entry.source(),
					entry.action(), Integer.toString(entry.status()), String.join(",", entry.targets())));
		return table.render();
	}

}
