package io.octoplane.octl.upgrade;

import java.util.ArrayList;
import java.util.List;

import io.octoplane.octl.output.Table;
import io.octoplane.octl.sdk.OctoplaneJson;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Text renderings of the upgrade launcher's answers on nodes for {@code -o table}: the
 * launcher's {@code state} prints one JSON object per node, {@code history} plain lines,
 * and the job that carried them is no news to the operator.
 */
final class NodeUpgradeTables {

	private NodeUpgradeTables() {
	}

	/**
	 * One row per node with its versions, then why the nodes without state failed.
	 * @param job the finished {@code state} job
	 * @return the text
	 */
	static String state(JobResponse job) {
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
		StringBuilder text = new StringBuilder(table.render());
		if (!problems.isEmpty()) {
			text.append('\n');
			problems.forEach((problem) -> text.append(problem).append('\n'));
		}
		return text.toString();
	}

	/**
	 * Each node's history under its name.
	 * @param job the finished {@code history} job
	 * @return the text
	 */
	static String history(JobResponse job) {
		StringBuilder text = new StringBuilder();
		for (NodeCommandResult result : job.results()) {
			if (!text.isEmpty()) {
				text.append('\n');
			}
			text.append(result.name()).append(":\n");
			String lines = "succeeded".equals(result.state()) ? result.output() : result.state() + ": " + why(result);
			lines.lines().forEach((line) -> text.append("  ").append(line).append('\n'));
		}
		return text.toString();
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
