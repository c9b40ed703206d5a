package io.octoplane.octl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code octl help [COMMAND...]}: the help of a command at any depth
 * ({@code octl help cmd
 * run}), as Octopoda's {@code octl help} printed its usage list. Octopoda's class names
 * ({@code Workgroup}, {@code Command}, {@code Scenario}, {@code NodeApp}) and any case
 * lead to the same help.
 */
@Command(name = "help", helpCommand = true,
		description = { "Print the help of a command, or of octl when none is named." },
		footerHeading = "%nExamples:%n", footer = { "  octl help", "  octl help cmd run", "  octl help Workgroup" })
final class HelpCommand implements Runnable {

	// Octopoda's usage classes, lower-cased, by the command they are here.
	private static final Map<String, String> OCTOPODA_CLASSES = Map.of("workgroup", "wg", "command", "cmd", "scenario",
			"scen", "nodeapp", "napp", "package manager", "pakma");

	@Spec
	private CommandSpec spec;

	@Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, with its subcommands.")
	private List<String> commands = new ArrayList<>();

	@Override
	public void run() {
		CommandLine current = this.spec.commandLine().getParent();
		for (String word : this.commands) {
			CommandLine next = find(current, word);
			if (next == null) {
				throw new ParameterException(this.spec.commandLine(),
						"'" + word + "' is not a command of '" + current.getCommandSpec().qualifiedName()
								+ "'; it has: " + String.join(", ", current.getSubcommands().keySet()));
			}
			current = next;
		}
		current.usage(this.spec.commandLine().getOut(), this.spec.commandLine().getParent().getColorScheme());
	}

	private static @Nullable CommandLine find(CommandLine parent, String word) {
		Map<String, CommandLine> subcommands = parent.getSubcommands();
		if (subcommands.containsKey(word)) {
			return subcommands.get(word);
		}
		String lower = word.toLowerCase(Locale.ROOT);
		String name = OCTOPODA_CLASSES.getOrDefault(lower, lower);
		return subcommands.get(name);
	}

}
