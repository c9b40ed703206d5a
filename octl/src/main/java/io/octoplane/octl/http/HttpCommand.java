package io.octoplane.octl.http;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code octl http}: groups the commands that make HTTP requests from a node.
 */
@Command(name = "http", description = "Make HTTP requests from a node's own network.",
		subcommands = HttpGetCommand.class, footerHeading = "%nExamples:%n",
		footer = { "  octl http get pi1 http://localhost:9100/metrics" })
public final class HttpCommand implements Runnable {

	@Spec
	private CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "missing command: use 'octl http get'");
	}

}
