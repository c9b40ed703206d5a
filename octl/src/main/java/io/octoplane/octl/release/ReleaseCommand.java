package io.octoplane.octl.release;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code octl release}: groups the commands about release packages.
 */
@Command(name = "release", description = "Upload signed tentacle and brain releases to the nameserver, list them.",
		subcommands = { ReleaseListCommand.class, ReleaseUploadCommand.class }, footerHeading = "%nExamples:%n",
		footer = { "  octl release upload tentacle 1.1.0 octoplane-tentacle-1.1.0-exec.jar --key release-key.pem",
				"  octl release list -o table" })
public final class ReleaseCommand implements Runnable {

	@Spec
	private CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "missing command: use 'octl release list|upload'");
	}

}
