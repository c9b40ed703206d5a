package io.octoplane.octl.scen;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.octoplane.client.OctoplaneConnectionException;
import io.octoplane.octl.ExitException;
import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.api.ScenarioApplyRequest;
import io.octoplane.protocol.api.ScenarioApplyResponse;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code octl scen apply}: packs a scenario folder and runs a target of it on its nodes;
 * exit status 1 if a script failed.
 */
@Command(name = "apply",
		description = {
				"Run a target of the scenario in FOLDER on its nodes: prepare, start, stop, purge, commit "
						+ "or a custom one; without a target, prepare then start.",
				"Scripts of a target run in ascending order across applications, each on all of its "
						+ "application's nodes; the first failure stops the target." },
		footerHeading = "%nExamples:%n", footer = { "  octl scen apply helloWorld -m 'first deployment'",
				"  octl scen apply helloWorld stop", "  octl scen apply ./helloWorld commit -m 'tuned the config'" })
public final class ScenApplyCommand extends OctlCommand {

	@Parameters(index = "0", paramLabel = "FOLDER", description = "The scenario folder (holds deployment.yaml).")
	private Path folder = Path.of(".");

	@Parameters(index = "1", arity = "0..1", paramLabel = "TARGET",
			description = "The target (default: prepare + start, which Octopoda calls default).")
	private @Nullable String target;

	@Option(names = { "-m", "--message" }, paramLabel = "TEXT", description = "What this deployment is for.")
	private @Nullable String message;

	@Override
	protected int execute(Octl octl) {
		Path folder = octl.resolve(this.folder);
		Path deployment = folder.resolve("deployment.yaml");
		if (!Files.isRegularFile(deployment)) {
			throw new ExitException(ExitStatus.INVALID_INPUT, folder + " has no deployment.yaml");
		}
		String name = scenarioName(deployment);
		String archive = upload(octl, folder);
		ScenarioApplyResponse response;
		try {
			response = octl.client()
				.scenarios()
				.apply(name, new ScenarioApplyRequest(archive, this.target, this.message));
		}
		catch (OctoplaneConnectionException ex) {
			throw cutOff(name, ex);
		}
		octl.printer(spec()).print(response, ScenApplyCommand::table);
		if (!response.succeeded()) {
			spec().commandLine().getErr().println("failed: " + response.failure());
			return ExitStatus.GENERIC;
		}
		return ExitStatus.OK;
	}

	/**
	 * An apply whose answer never came may have run scripts on some nodes: the operator
	 * learns what to look at and when the scenario can be applied again, instead of a
	 * bare connection error.
	 */
	private static RuntimeException cutOff(String name, OctoplaneConnectionException ex) {
		if (ex.reason() != OctoplaneConnectionException.Reason.IO
				&& ex.reason() != OctoplaneConnectionException.Reason.TIMEOUT) {
			// Refused, unknown host, TLS, interrupted: the apply never started.
			return ex;
		}
		return new ExitException(ExitStatus.INTERNAL, "the apply of scenario " + name + " was cut off before the "
				+ "brain answered (" + ex.getMessage() + "). Its scripts may have run on some nodes; `octl scen "
				+ "version " + name + "` lists a version only if the apply recorded one. The scenario stays locked "
				+ "while that apply runs, or for one lock lease (octoplane.scenario.lock-lease, 30s by default) "
				+ "after its brain died; then apply it again, through any brain.", ex);
	}

	/**
	 * Packs the folder into a temporary file and streams it into the brain's blob store,
	 * as {@code octl file upload} does, so its size is not bound by a request body.
	 * @return the stored archive's digest
	 */
	private static String upload(Octl octl, Path folder) {
		Path packed = null;
		try {
			packed = Files.createTempFile("octl-scenario-", ".tar.gz");
			try (OutputStream out = Files.newOutputStream(packed)) {
				ScenarioPacker.pack(folder, out);
			}
			return octl.client().files().stage(packed, (sent) -> {
			}).blob().sha256();
		}
		catch (IOException ex) {
			throw new ExitException(ExitStatus.GENERIC, "cannot pack " + folder + ": " + ex.getMessage());
		}
		finally {
			if (packed != null) {
				try {
					Files.deleteIfExists(packed);
				}
				catch (IOException ex) {
					// A temporary file left behind is harmless.
				}
			}
		}
	}

	private static String scenarioName(Path deployment) {
		try {
			JsonNode name = YAMLMapper.builder().build().readTree(Files.readString(deployment)).get("name");
			if (name == null || !name.isString() || name.asString().isBlank()) {
				throw new ExitException(ExitStatus.INVALID_INPUT, deployment + ": name: is required");
			}
			return name.asString().strip();
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof ExitException exit) {
				throw exit;
			}
			String message = String.valueOf(ex.getMessage());
			int newline = message.indexOf('\n');
			throw new ExitException(ExitStatus.INVALID_INPUT,
					deployment + ": not valid YAML: " + ((newline < 0) ? message : message.substring(0, newline)));
		}
	}

	static String table(ScenarioApplyResponse response) {
		Table table = Table.withHeaders("TARGET", "ORDER", "APP", "SCRIPT", "NODE", "STATE", "EXIT", "OUTPUT");
		for (ScenarioApplyResponse.Step step : response.steps()) {
			for (ScenarioApplyResponse.ScriptResult node : step.nodes()) {
				table.row(step.target(), (step.order() >= 0) ? Integer.toString(step.order()) : "-", step.app(),
						step.script(), node.node(), node.state(),
						(node.exitCode() != null) ? node.exitCode().toString() : "-",
						(node.output() + node.stdout()).strip().replace('\n', ' '));
			}
		}
		String version = (response.version() != null) ? "VERSION: " + response.version() + "\n" : "";
		return table.render() + version;
	}

}
