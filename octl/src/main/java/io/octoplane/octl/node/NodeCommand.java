package io.octoplane.octl.node;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code octl node}: groups the commands about the node registry.
 */
@Command(name = "node", description = "Work with the nodes (tentacles) known to the brain.",
		subcommands = { NodeGetCommand.class, NodeStatusCommand.class, NodeFactsCommand.class, NodeLabelCommand.class,
				NodeHistoryCommand.class, NodePruneCommand.class, NodeRevokeCommand.class },
		footerHeading = "%nExamples:%n",
		footer = { "  octl node get", "  octl node status pi1", "  octl node get -l 'site=lab,arch in (arm64,armv7)'",
				"  octl node facts pi1", "  octl node label pi1 site=lab role-", "  octl node history pi1 -r 24h" })
public final class NodeCommand implements Runnable {

	@Spec
	private CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(),
				"missing command: use 'octl node get|status|facts|label|prune|revoke'");
	}

}
