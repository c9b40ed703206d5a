package io.octoplane.octl.wg;

import java.util.ArrayList;
import java.util.List;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.protocol.api.WorkgroupResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code octl wg rm}: takes nodes away from a workgroup, or removes the workgroup.
 */
@Command(name = "rm",
		description = { "Remove nodes from a workgroup, or the workgroup itself.",
				"Nodes leave the workgroup and every workgroup below it; without nodes, the workgroup itself goes "
						+ "with everything below it (needs --yes)." },
		footerHeading = "%nExamples:%n", footer = { "  octl wg rm /lab pi2", "  octl wg rm /lab --yes" })
public final class WgRmCommand extends OctlCommand {

	@Parameters(index = "0", paramLabel = "PATH", description = "The workgroup.")
	private String path = "";

	@Parameters(index = "1..*", arity = "0..*", paramLabel = "NODE", description = "Nodes to remove.")
	private List<String> nodes = new ArrayList<>();

	@Option(names = "--yes", description = "Confirm removing the whole workgroup.")
	private boolean yes;

	@Override
	protected int execute(Octl octl) {
		if (this.nodes.isEmpty()) {
			if (!this.yes) {
				throw new ParameterException(spec().commandLine(), "removing workgroup " + this.path
						+ " and everything below it needs --yes (or name the nodes to remove)");
			}
			octl.client().workgroups().delete(this.path);
			return ExitStatus.OK;
		}
		WorkgroupResponse workgroup = octl.client().workgroups().removeNodes(this.path, this.nodes);
		octl.printer(spec()).print(workgroup, WgGetCommand::table);
		return ExitStatus.OK;
	}

}
