package io.octoplane.octl.cmd;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.output.Table;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.CommandResponse;
import io.octoplane.protocol.api.ErrorKind;
import io.octoplane.protocol.api.NodeCommandResult;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code octl cmd run}: runs a shell command, a background process or a local script on
 * nodes and waits for every node's result. Exits 0 only when the command succeeded on
 * every node.
 */
@Command(name = "run",
		customSynopsis = { "octl cmd run [-c] COMMAND NODE... [--timeout=DURATION] [--output-limit=BYTES]",
				"       octl cmd run -bg COMMAND NODE...",
				"       octl cmd run -ss SCRIPT NODE... [--timeout=DURATION]" },
		description = { "Run a command on nodes and print each node's state, exit code and output.",
				"The command runs with sh -c on every node at once; octl waits until each node answered or the timeout "
						+ "passed. Exit status is 0 only if it succeeded on every node, 1 otherwise." },
		footerHeading = "%nExamples:%n",
		footer = { "  octl cmd run 'uname -a' pi1 pi2", "  octl cmd run -c 'apt-get update' pi1 --timeout 5m",
				"  octl cmd run -bg './server --port 8080' pi1", "  octl cmd run -ss deploy.sh pi1 pi2 -o table" })
public final class CmdRunCommand extends OctlCommand {

	/**
	 * Extra wait beyond the command's timeout for the brain to collect and send results.
	 */
	private static final Duration ANSWER_MARGIN = Duration.ofSeconds(30);

	@Option(names = { "-c", "--shell" }, paramLabel = "COMMAND",
			description = "Run COMMAND with sh -c and wait for its exit (the default mode).")
	private @Nullable String shell;

	@Option(names = { "-bg", "--background" }, paramLabel = "COMMAND",
			description = "Start COMMAND detached and return as soon as it started; it keeps running.")
	private @Nullable String background;

	@Option(names = { "-ss", "--script" }, paramLabel = "SCRIPT",
			description = "Send the local file SCRIPT (at most 1 MiB) and run it with sh on each node.")
	private @Nullable Path script;

	@Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
			description = "Run time limit per node, like 30s, 5m, 1h or seconds (default: the config's timeout, else 60s).")
	private @Nullable Duration timeout;

	@Option(names = "--output-limit", paramLabel = "BYTES",
			description = "Most bytes of stdout and of stderr kept per node (default: the brain's limit).")
	private @Nullable Integer outputLimit;

	@Parameters(paramLabel = "ARG", arity = "0..*",
			description = "The command (unless -c, -bg or -ss is given), then the node names.")
	private List<String> arguments = new ArrayList<>();

	@Override
	protected int execute(Octl octl) {
		CommandRequest request = request(octl);
		Duration requestTimeout = Duration.ofSeconds(request.timeoutSeconds()).plus(ANSWER_MARGIN);
		CommandResponse response = octl.client().run(request, requestTimeout);
		octl.printer(spec()).print(response, CmdRunCommand::table);
		return summarize(response, spec().commandLine().getErr());
	}

	private CommandRequest request(Octl octl) {
		int modes = ((this.shell != null) ? 1 : 0) + ((this.background != null) ? 1 : 0)
				+ ((this.script != null) ? 1 : 0);
		if (modes > 1) {
			throw usage("use only one of -c, -bg and -ss");
		}
		List<String> nodes = new ArrayList<>(this.arguments);
		CommandMode mode;
		String command;
		if (this.script != null) {
			mode = CommandMode.SCRIPT;
			command = ScriptFile.read(this.script);
		}
		else if (this.background != null) {
			mode = CommandMode.BACKGROUND;
			command = this.background;
		}
		else {
			mode = CommandMode.SHELL;
			if (this.shell == null && nodes.isEmpty()) {
				throw usage("name a command and at least one node, for example: octl cmd run 'uptime' pi1");
			}
			command = (this.shell != null) ? this.shell : nodes.remove(0);
		}
		if (nodes.isEmpty()) {
			throw usage("name at least one node to run on, for example: octl cmd run 'uptime' pi1");
		}
		if (command.isBlank()) {
			throw usage("the command is empty");
		}
		if (this.outputLimit != null && this.outputLimit <= 0) {
			throw usage("--output-limit must be a positive number of bytes");
		}
		Duration limit = (this.timeout != null) ? this.timeout : octl.config().timeout();
		// The wire carries whole seconds; rounding up never cuts a run short.
		long seconds = Math.max(1, (limit.toMillis() + 999) / 1000);
		return new CommandRequest(List.copyOf(new LinkedHashSet<>(nodes)), mode, command, seconds, this.outputLimit);
	}

	private ParameterException usage(String message) {
		return new ParameterException(spec().commandLine(), message);
	}

	private static int summarize(CommandResponse response, PrintWriter err) {
		List<NodeCommandResult> failed = response.results()
			.stream()
			.filter((result) -> result.errorKind() != ErrorKind.NONE)
			.toList();
		if (failed.isEmpty()) {
			return ExitStatus.OK;
		}
		err.println("octl: command did not succeed on " + failed.size() + " of " + response.results().size()
				+ " nodes: " + failed.stream().map(CmdRunCommand::describe).collect(Collectors.joining(", ")));
		err.flush();
		return ExitStatus.GENERIC;
	}

	private static String describe(NodeCommandResult result) {
		String exit = (result.exitCode() != null) ? ", exit " + result.exitCode() : "";
		return result.name() + " (" + result.state() + exit + ")";
	}

	static String table(CommandResponse response) {
		Table table = Table.withHeaders("NODE", "STATE", "EXIT");
		response.results().forEach((result) -> table.row(result.name(), result.state(), result.exitCode()));
		StringBuilder text = new StringBuilder(table.render());
		for (NodeCommandResult result : response.results()) {
			text.append('\n').append(result.name()).append(":\n");
			indent(text, result.output());
			if (!result.stderr().isEmpty()) {
				text.append("  stderr:\n");
				indent(text, result.stderr());
			}
			if (result.error() != null) {
				text.append("  error: ").append(result.error()).append('\n');
			}
			if (result.truncated()) {
				text.append("  (output truncated at the output limit)\n");
			}
		}
		return text.toString();
	}

	private static void indent(StringBuilder text, String output) {
		output.lines().forEach((line) -> text.append("    ").append(line).append('\n'));
	}

}
