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
 * {@code octl wg ls}: a workgroup's children.
 */
@Command(name = "ls", description = "List a workgroup's child workgroups.", footerHeading = "%nExamples:%n",
		footer = { "  octl wg ls", "  octl wg ls /lab" })
public final class WgLsCommand extends OctlCommand {

	@Parameters(paramLabel = "PATH", arity = "0..1",
			description = "Absolute, or relative to the acting workgroup (default: the acting workgroup).")
	private @Nullable String path;

	@Override
	protected int execute(Octl octl) {
		WorkgroupResponse workgroup = octl.client().workgroups().get(this.path);
		octl.printer(spec()).print(workgroup, WgLsCommand::table);
		return ExitStatus.OK;
	}

	static String table(WorkgroupResponse workgroup) {
		Table table = Table.withHeaders("CHILD");
		workgroup.children().forEach(table::row);
		return table.render();
	}

}
