package io.octoplane.octl.wg;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.WorkgroupResponse;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code octl wg get}: a workgroup's nodes and children.
 */
@Command(name = "get", description = "Show a workgroup's nodes and child workgroups.", footerHeading = "%nExamples:%n",
		footer = { "  octl wg get", "  octl wg get /lab" })
public final class WgGetCommand extends OctlCommand {

	@Parameters(paramLabel = "PATH", arity = "0..1",
			description = "Absolute, or relative to the acting workgroup (default: the acting workgroup).")
	private @Nullable String path;

	@Override
	protected int execute(Octl octl) {
		WorkgroupResponse workgroup = octl.client().workgroups().get(this.path);
		octl.printer(spec()).print(workgroup, WgGetCommand::table);
		return ExitStatus.OK;
	}

	static String table(WorkgroupResponse workgroup) {
		Table table = Table.withHeaders("WORKGROUP", "NODE");
		workgroup.nodes().forEach((node) -> table.row(workgroup.path(), node));
		if (workgroup.nodes().isEmpty()) {
			table.row(workgroup.path(), "(none)");
		}
		return table.render();
	}

}
