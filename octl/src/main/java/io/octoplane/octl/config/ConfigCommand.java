package io.octoplane.octl.config;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code octl config}: groups the commands about octl's own config file, such as choosing
 * which brain to talk to when it names several.
 */
@Command(name = "config", description = "Work with octl's config file: contexts for several brains.",
		subcommands = { ConfigGetContextsCommand.class, ConfigUseContextCommand.class },
		footerHeading = "%nExamples:%n", footer = { "  octl config get-contexts -o table",
				"  octl config use-context prod", "  OCTL_CONTEXT=lab octl node get" })
public final class ConfigCommand implements Runnable {

	@Spec
	private CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(),
				"missing command: use 'octl config get-contexts|use-context'");
	}

}
