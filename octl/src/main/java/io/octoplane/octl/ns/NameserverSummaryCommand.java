package io.octoplane.octl.ns;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.NameSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code octl nameserver summary}: how many live entries, per kind. */
@Command(name = "summary", description = "Count the live entries, in total and per kind.")
public final class NameserverSummaryCommand extends OctlCommand {

	@Mixin
	private NameserverTarget target;

	@Override
	protected int execute(Octl octl) {
		NameSummary summary = this.target.api(octl).summary();
		octl.printer(spec()).print(summary, NameserverSummaryCommand::table);
		return ExitStatus.OK;
	}

	static String table(NameSummary summary) {
		Table table = Table.withHeaders("KIND", "ENTRIES");
		summary.kinds().forEach(table::row);
		table.row("total", summary.total());
		return table.render();
	}

}
