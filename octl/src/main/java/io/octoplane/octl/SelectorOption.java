package io.octoplane.octl;

import java.util.ArrayList;
import java.util.List;

import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.NodeSelectionResponse;
import io.octoplane.protocol.selector.InvalidSelectorException;
import io.octoplane.protocol.selector.Selector;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code -l/--selector} option of every command that takes nodes: each selector
 * becomes a {@code label:SELECTOR} target the brain expands next to names and
 * {@code @group}s, once, when it accepts the call. A selector is checked here first, so a
 * typo is a usage error (exit 2) before anything is sent.
 */
public final class SelectorOption {

	/**
	 * The option's help text, shared with commands whose {@code -l} means something else.
	 */
	public static final String DESCRIPTION = "Nodes whose labels and facts match, e.g. "
			+ "'site=lab,role!=camera,arch in (arm64,armv7),!gpu,facts.memory_total>2GiB'; repeat for more.";

	@Option(names = { "-l", "--selector" }, paramLabel = "SELECTOR", description = DESCRIPTION)
	private List<String> selectors = new ArrayList<>();

	/**
	 * The selectors as target list entries.
	 * @param spec the command, for usage errors
	 * @return one {@code label:} entry per selector given
	 * @throws ParameterException if a selector breaks the syntax
	 */
	public List<String> targets(CommandSpec spec) {
		return targets(spec, this.selectors);
	}

	/**
	 * Selectors as target list entries.
	 * @param spec the command, for usage errors
	 * @param selectors the selectors as typed
	 * @return one {@code label:} entry per selector
	 * @throws ParameterException if a selector breaks the syntax
	 */
	public static List<String> targets(CommandSpec spec, List<String> selectors) {
		List<String> targets = new ArrayList<>();
		for (String selector : selectors) {
			try {
				targets.add(Selector.toTarget(Selector.parse(selector).toString()));
			}
			catch (InvalidSelectorException ex) {
				throw new ParameterException(spec.commandLine(), "-l/--selector: " + ex.getMessage());
			}
		}
		return targets;
	}

	/**
	 * Shows the nodes a target list stands for now, for {@code --dry-run}: nothing runs.
	 * @param octl the top command
	 * @param spec the command, for its output
	 * @param targets the target list
	 * @return {@link ExitStatus#OK}
	 */
	public static int dryRun(Octl octl, CommandSpec spec, List<String> targets) {
		NodeSelectionResponse selection = octl.client().labels().select(targets);
		octl.printer(spec).print(selection, (response) -> {
			Table table = Table.withHeaders("NODE");
			response.nodes().forEach(table::row);
			return table.render();
		});
		return ExitStatus.OK;
	}

}
