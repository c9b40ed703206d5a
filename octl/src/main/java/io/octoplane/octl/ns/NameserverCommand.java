package io.octoplane.octl.ns;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code octl nameserver}: groups the commands about the nameserver's registry.
 */
@Command(name = "nameserver", aliases = "ns",
		description = { "Read the nameserver's registry: which services (the brain first) are where.",
				"The nameserver is --nameserver URL, else $OCTL_NAMESERVER, else port 3455 on the brain's host. "
						+ "It accepts only certificates: the octl config needs cert and key." },
		subcommands = { NameserverQueryCommand.class, NameserverListCommand.class, NameserverSummaryCommand.class },
		footerHeading = "%nExamples:%n",
		footer = { "  octl nameserver query brain", "  octl ns list --prefix brain -o table", "  octl ns summary" })
public final class NameserverCommand implements Runnable {

	@Spec
	private CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(),
				"missing command: use 'octl nameserver query|list|summary'");
	}

}
