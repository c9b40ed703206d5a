package io.octoplane.octl;

import java.io.PrintWriter;
import java.io.Writer;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;

/**
 * How octl runs with {@code OCTL_NOPRINT} set (Octopoda's switch for scripts that only
 * read the exit status): standard output goes nowhere. Help asked for is still shown, and
 * errors still reach standard error, since a status alone does not say what went wrong.
 */
final class Silenced implements IExecutionStrategy {

	private final CommandLine root;

	Silenced(CommandLine root) {
		this.root = root;
	}

	@Override
	public int execute(ParseResult parseResult) {
		if (!helpAsked(parseResult)) {
			// Set on the root, it reaches every subcommand.
			this.root.setOut(new PrintWriter(Writer.nullWriter()));
		}
		return new CommandLine.RunLast().execute(parseResult);
	}

	private static boolean helpAsked(ParseResult parseResult) {
		for (ParseResult current = parseResult; current != null; current = current.subcommand()) {
			if (current.isUsageHelpRequested() || current.isVersionHelpRequested()
					|| current.commandSpec().userObject() instanceof HelpCommand) {
				return true;
			}
			if (!current.hasSubcommand()) {
				break;
			}
		}
		return false;
	}

}
