package io.octoplane.protocol.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * What a scenario apply did: every script step in the order it ran, with each node's
 * result, and the version recorded if the targets made one.
 *
 * @param scenario the scenario's name
 * @param targets the targets run, in order
 * @param succeeded whether every step succeeded on every node
 * @param failure when not, which node, which script and why; {@code null} otherwise
 * @param version the scenario version recorded (prepare and commit record one), or
 * {@code null}
 * @param steps the steps that ran, in order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScenarioApplyResponse(String scenario, List<String> targets, boolean succeeded, @Nullable String failure,
		@Nullable String version, List<Step> steps) {

	public ScenarioApplyResponse {
		Objects.requireNonNull(scenario, "scenario must not be null");
		targets = List.copyOf(targets);
		steps = List.copyOf(steps);
	}

	/**
	 * One script of one app, run on all of the app's nodes.
	 *
	 * @param target the target it belongs to
	 * @param order its order within the target; steps of one order run in parallel
	 * @param app the application
	 * @param script the script's file name
	 * @param nodes each node's result
	 */
	public record Step(String target, int order, String app, String script, List<ScriptResult> nodes) {

		public Step {
			nodes = List.copyOf(nodes);
		}

	}

	/**
	 * One node's run of a script.
	 *
	 * @param node the node
	 * @param state the command's final state on the node (succeeded, failed, expired,
	 * ...)
	 * @param exitCode the script's exit code, or {@code null} if it did not run to its
	 * end
	 * @param output what the script wrote to {@code $OCTOPODA_OUTPUT}
	 * @param stdout its standard output
	 * @param stderr its standard error
	 * @param error why it did not run or was stopped, or {@code null}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ScriptResult(String node, String state, @JsonProperty("exit_code") @Nullable Integer exitCode,
			String output, String stdout, String stderr, @Nullable String error) {

	}

}
