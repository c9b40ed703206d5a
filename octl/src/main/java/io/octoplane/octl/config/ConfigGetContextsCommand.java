package io.octoplane.octl.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.output.Table;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/**
 * {@code octl config get-contexts}: the contexts of the config file and which one is in
 * use. Reads the file only; it calls no brain.
 */
@Command(name = "get-contexts",
		description = { "List the contexts (brains) of the config file and the one in use.",
				"$OCTL_CONTEXT, when set, is the one in use for that run." },
		footerHeading = "%nExamples:%n",
		footer = { "  octl config get-contexts", "  octl config get-contexts -o table" })
public final class ConfigGetContextsCommand extends OctlCommand {

	@Override
	protected int execute(Octl octl) {
		Path file = octl.configPath();
		if (!Files.isRegularFile(file)) {
			throw new OctlConfigException("no octl config file at " + file);
		}
		JsonNode root = OctlConfigLoader.tree(file);
		List<String> names = (root != null) ? ConfigContexts.names(root) : List.of();
		String override = octl.context();
		String current = (override != null && !override.isBlank()) ? override.strip()
				: (root != null) ? ConfigContexts.current(root) : null;
		octl.printer(spec()).print(new Contexts(current, names), Contexts::table);
		return ExitStatus.OK;
	}

	/**
	 * The answer of {@code get-contexts}.
	 *
	 * @param current the context in use, or {@code null} when the file has none chosen
	 * @param contexts every context's name, in file order
	 */
	record Contexts(@Nullable String current, List<String> contexts) {

		String table() {
			Table table = Table.withHeaders("CURRENT", "NAME");
			for (String name : this.contexts) {
				table.row(name.equals(this.current) ? "*" : "", name);
			}
			return table.render();
		}

	}

}
