package io.octoplane.octl.config;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code octl config use-context NAME}: makes one of the config file's contexts the one
 * every later octl run uses, by rewriting the file's {@code context} line.
 */
@Command(name = "use-context", description = "Use this context (brain) from now on: rewrites 'context' in the file.",
		footerHeading = "%nExamples:%n", footer = { "  octl config use-context prod", "  octl config use-context lab" })
public final class ConfigUseContextCommand extends OctlCommand {

	@Parameters(paramLabel = "NAME", description = "A context named under 'contexts' in the config file.")
	private String name;

	@Override
	protected int execute(Octl octl) {
		ConfigFileEditor.setContext(octl.configPath(), this.name);
		spec().commandLine().getErr().println("octl: now using context " + this.name);
		spec().commandLine().getErr().flush();
		return ExitStatus.OK;
	}

}
