package io.octoplane.octl.wg;

import java.util.ArrayList;
import java.util.List;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.protocol.api.WorkgroupResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code octl wg add}: gives nodes to a workgroup below the acting one.
 */
@Command(name = "add",
		description = { "Add nodes to a workgroup below the acting one, creating it if needed.",
				"Only nodes the acting workgroup can see may be added." },
		footerHeading = "%nExamples:%n", footer = { "  octl wg add /lab pi1 pi2", "  octl wg add lab/pis pi1" })
public final class WgAddCommand extends OctlCommand {

	@Parameters(index = "0", paramLabel = "PATH", description = "The workgroup.")
	private String path = "";

	@Parameters(index = "1..*", arity = "1..*", paramLabel = "NODE",
			description = "Nodes to add: names, @GROUP (a workgroup's nodes) or ALL.")
	private List<String> nodes = new ArrayList<>();

	@Override
	protected int execute(Octl octl) {
		WorkgroupResponse workgroup = octl.client().workgroups().addNodes(this.path, this.nodes);
		octl.printer(spec()).print(workgroup, WgGetCommand::table);
		return ExitStatus.OK;
	}

}
