package io.octoplane.octl.completion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Writes a fish completion script from the picocli command tree: subcommands with their
 * descriptions, every option with its value candidates. Fish has no use for picocli's
 * bash script, and its {@code complete} lines need to know which subcommand the words
 * typed so far name: a small function walks them against the tree's paths, skipping
 * options and the values of the options that take one.
 */
final class FishCompletion {

	private FishCompletion() {
	}

	/**
	 * The script.
	 * @param root the top command line
	 * @return the script, for {@code source} or {@code ~/.config/fish/completions/}
	 */
	static String script(CommandLine root) {
		String name = root.getCommandName();
		String prefix = "__" + name.replaceAll("[^A-Za-z0-9_]", "_");
		Map<String, CommandLine> commands = new LinkedHashMap<>();
		collect("", root, commands);
		Set<String> valued = new LinkedHashSet<>();
		commands.values()
			.forEach((command) -> command.getCommandSpec()
				.options()
				.stream()
				.filter((option) -> option.arity().max() > 0)
				.forEach((option) -> valued.addAll(List.of(option.names()))));
		StringBuilder out = new StringBuilder();
		out.append("# fish completion for ")
			.append(name)
			.append("; load with: ")
			.append(name)
			.append(" completion fish | source\n\n");
		out.append("set -g ").append(prefix).append("_commands");
		commands.keySet()
			.stream()
			.filter((path) -> !path.isEmpty())
			.forEach((path) -> out.append(' ').append(quote(path)));
		out.append('\n');
		out.append("set -g ").append(prefix).append("_valued");
		valued.forEach((option) -> out.append(' ').append(quote(option)));
		out.append("\n\n");
		out.append("function ").append(prefix).append("_command\n");
		out.append("    set -l words (commandline -opc)\n");
		out.append("    set -e words[1]\n");
		out.append("    set -l path\n");
		out.append("    set -l skip 0\n");
		out.append("    for word in $words\n");
		out.append("        if test $skip -eq 1\n");
		out.append("            set skip 0\n");
		out.append("            continue\n");
		out.append("        end\n");
		out.append("        if contains -- $word $").append(prefix).append("_valued\n");
		out.append("            set skip 1\n");
		out.append("            continue\n");
		out.append("        end\n");
		out.append("        string match -q -- '-*' $word; and continue\n");
		out.append("        set -l next (string join ' ' $path $word)\n");
		out.append("        contains -- $next $").append(prefix).append("_commands; or break\n");
		out.append("        set path $path $word\n");
		out.append("    end\n");
		out.append("    string join ' ' $path\n");
		out.append("end\n\n");
		out.append("function ").append(prefix).append("_at\n");
		out.append("    set -l current (").append(prefix).append("_command)\n");
		out.append("    test \"$current\" = \"$argv\"\n");
		out.append("end\n\n");
		for (Map.Entry<String, CommandLine> entry : commands.entrySet()) {
			String condition = quote(prefix + "_at" + (entry.getKey().isEmpty() ? "" : " " + entry.getKey()));
			CommandLine command = entry.getValue();
			for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
				if (sub.getValue().getCommandSpec().usageMessage().hidden()) {
					continue;
				}
				out.append("complete -c ")
					.append(name)
					.append(" -f -n ")
					.append(condition)
					.append(" -a ")
					.append(quote(sub.getKey()))
					.append(" -d ")
					.append(quote(summary(sub.getValue().getCommandSpec().usageMessage().description())))
					.append('\n');
			}
			for (OptionSpec option : command.getCommandSpec().options()) {
				if (option.hidden()) {
					continue;
				}
				out.append(option(name, condition, option)).append('\n');
			}
		}
		return out.toString();
	}

	private static void collect(String path, CommandLine command, Map<String, CommandLine> into) {
		into.put(path, command);
		for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
			CommandSpec spec = sub.getValue().getCommandSpec();
			if (!spec.usageMessage().hidden()) {
				collect(path.isEmpty() ? sub.getKey() : path + " " + sub.getKey(), sub.getValue(), into);
			}
		}
	}

	private static String option(String name, String condition, OptionSpec option) {
		StringBuilder line = new StringBuilder("complete -c ").append(name).append(" -n ").append(condition);
		for (String spelling : option.names()) {
			if (spelling.startsWith("--")) {
				line.append(" -l ").append(quote(spelling.substring(2)));
			}
			else if (spelling.length() == 2) {
				line.append(" -s ").append(quote(spelling.substring(1)));
			}
			else {
				line.append(" -o ").append(quote(spelling.substring(1)));
			}
		}
		if (option.arity().max() > 0) {
			line.append(" -r");
			List<String> candidates = new ArrayList<>();
			if (option.completionCandidates() != null) {
				option.completionCandidates().forEach(candidates::add);
			}
			if (!candidates.isEmpty()) {
				line.append(" -f -a ").append(quote(String.join(" ", candidates)));
			}
		}
		String[] description = option.description();
		if (description.length > 0) {
			line.append(" -d ").append(quote(summary(description)));
		}
		return line.toString();
	}

	private static String summary(String[] description) {
		String first = (description.length > 0) ? description[0] : "";
		// Help variables such as ${DEFAULT-VALUE} mean nothing in a completion list.
		first = first.replaceAll("\\s*\\(default: \\$\\{[A-Z-]+}\\)", "").replaceAll("\\$\\{[A-Z-]+}", "...");
		int end = first.indexOf(". ");
		return ((end > 0) ? first.substring(0, end + 1) : first).strip();
	}

	/** Fish's single quotes: only the quote and the backslash are escaped. */
	static String quote(String text) {
		return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
	}

}
