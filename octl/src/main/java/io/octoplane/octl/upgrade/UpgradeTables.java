package io.octoplane.octl.upgrade;

import java.util.ArrayList;
import java.util.List;

import io.octoplane.client.OctoplaneJson;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.BrainUpgradeHistory;
import io.octoplane.protocol.api.BrainUpgradeState;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Text renderings of upgrade states and histories for {@code -o table}, of the brain from
 * its upgrade API and of nodes from the jobs that ran their launcher's {@code state} (one
 * JSON object per node) and {@code history} (plain lines): the job that carried them is
 * no news to the operator.
 */
final class UpgradeTables {

	/** A history line is "time action version [detail]", separated by spaces. */
	private static final int HISTORY_WORDS = 4;

	private UpgradeTables() {
	}

	/**
	 * The brain's versions.
	 * @param state the brain's upgrade state
	 * @return the table
	 */
	static String brainState(BrainUpgradeState state) {
		return Table.withHeaders("BRAIN", "RUNNING", "STABLE", "PREVIEW", "HEALTHY", "INSTALLED")
			.row(state.brain(), state.running(), state.stable(), state.preview(), state.healthy(),
					String.join(",", state.installed()))
			.render();
	}

	/**
	 * The brain's history, oldest first.
	 * @param history the brain's upgrade history
	 * @return the table
	 */
	static String brainHistory(BrainUpgradeHistory history) {
		Table table = Table.withHeaders("BRAIN", "TIME", "ACTION", "VERSION", "DETAIL");
		history.lines().forEach((line) -> table.row(prepend(history.brain(), historyCells(line))));
		return table.render();
	}

	/**
	 * One row per node with its versions, then why the nodes without state failed.
	 * @param job the finished {@code state} job
	 * @return the text
	 */
	static String nodeState(JobResponse job) {
		Table table = Table.withHeaders("NODE", "STABLE", "PREVIEW", "HEALTHY", "INSTALLED");
		List<String> problems = new ArrayList<>();
		for (NodeCommandResult result : job.results()) {
			JsonNode state = "succeeded".equals(result.state()) ? parse(result.output()) : null;
			if (state == null) {
				table.row(result.name(), null, null, null, null);
				problems.add(result.name() + ": " + result.state() + ": " + why(result));
				continue;
			}
			List<String> installed = new ArrayList<>();
			state.path("installed").forEach((version) -> installed.add(version.asString()));
			table.row(result.name(), text(state, "stable"), text(state, "preview"), text(state, "healthy"),
					installed.isEmpty() ? null : String.join(",", installed));
		}
		return withProblems(table, problems);
	}

	/**
	 * Each node's history, oldest first, then why the nodes without one failed.
	 * @param job the finished {@code history} job
	 * @return the text
	 */
	static String nodeHistory(JobResponse job) {
		Table table = Table.withHeaders("NODE", "TIME", "ACTION", "VERSION", "DETAIL");
		List<String> problems = new ArrayList<>();
		for (NodeCommandResult result : job.results()) {
			if ("succeeded".equals(result.state())) {
				result.output().lines().forEach((line) -> table.row(prepend(result.name(), historyCells(line))));
			}
			else {
				problems.add(result.name() + ": " + result.state() + ": " + why(result));
			}
		}
		return withProblems(table, problems);
	}

	private static String withProblems(Table table, List<String> problems) {
		StringBuilder text = new StringBuilder(table.render());
		if (!problems.isEmpty()) {
			text.append('\n');
			problems.forEach((problem) -> text.append(problem).append('\n'));
		}
		return text.toString();
	}

	private static Object[] historyCells(String line) {
		String[] words = line.strip().split(" ", HISTORY_WORDS);
		Object[] cells = new Object[HISTORY_WORDS];
		System.arraycopy(words, 0, cells, 0, Math.min(words.length, cells.length));
		return cells;
	}

	private static Object[] prepend(Object first, Object[] rest) {
		Object[] cells = new Object[rest.length + 1];
		cells[0] = first;
		System.arraycopy(rest, 0, cells, 1, rest.length);
		return cells;
	}

	private static @Nullable JsonNode parse(String output) {
		try {
			JsonNode state = OctoplaneJson.mapper().readTree(output.strip());
			return (state != null && state.isObject()) ? state : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static @Nullable String text(JsonNode state, String field) {
		JsonNode value = state.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	private static String why(NodeCommandResult result) {
		for (String candidate : new String[] { result.error(), result.stderr(), result.output() }) {
			if (candidate != null && !candidate.isBlank()) {
				return candidate.strip().lines().findFirst().orElse("");
			}
		}
		return (result.exitCode() != null) ? "exit status " + result.exitCode() : "no answer";
	}

}
