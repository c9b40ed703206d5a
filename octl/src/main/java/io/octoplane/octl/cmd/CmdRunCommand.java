package io.octoplane.octl.cmd;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.octoplane.client.OctoplaneClient;
import io.octoplane.client.OctoplaneConnectionException;
import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Interrupts;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.SelectorOption;
import io.octoplane.octl.config.DurationConverter;
import io.octoplane.octl.job.JobTables;
import io.octoplane.octl.job.JobWaiter;
import io.octoplane.octl.job.ResultFiles;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.CommandRequest;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code octl cmd run}: starts a job that runs a shell command, a background process or a
 * local script on nodes, and waits for every node's result (unless {@code --async}).
 * Exits 0 only when the command succeeded on every node.
 */
@Command(name = "run", aliases = "xrun",
		customSynopsis = { "octl cmd run [-c] COMMAND NODE... [--timeout=DURATION] [--output-limit=BYTES] [OPTIONS]",
				"       octl cmd run -bg COMMAND NODE... [OPTIONS]",
				"       octl cmd run -ss SCRIPT NODE... [--timeout=DURATION] [OPTIONS]" },
		description = { "Run a command on nodes as a job and print each node's state, exit code and output.",
				"The command runs with bash -c on the nodes (sh where bash is missing); octl waits until every node finished, following the job's "
						+ "events and polling the brain if they break (a brain restart does not lose the result). "
						+ "Exit status is 0 only if it succeeded on every node, 1 otherwise, "
						+ "4 if the brain cannot be reached or the job outlives the wait "
						+ "(--wait-offline + --timeout per batch of --max-concurrency nodes + 60s).",
				"",
				"With -d the command is loaded on the nodes at once and fires after the delay (octl cmd xrun -d "
						+ "works as in Octopoda); results are collected when it has run. With -ta every node starts at "
						+ "the same instant of the brain's clock, converted with the clock offset each node measured "
						+ "from its heartbeats; a node whose offset is uncertain by more than --max-clock-error refuses "
						+ "(state rejected, with the reason), and the job reports the achieved start spread.",
				"",
				"Ctrl-C while waiting asks the brain to cancel the job and shows the cancelled results; a second "
						+ "Ctrl-C stops waiting and leaves the job to the brain (exit status 130).",
				"",
				"With -o json (the default) stdout holds one JSON document, the final job; -o table prints each node's "
						+ "row as it finishes. Progress notes go to stderr when it is a terminal." },
		footerHeading = "%nExamples:%n",
		footer = { "  octl cmd run 'uname -a' pi1 pi2", "  octl cmd run -c 'apt-get update' pi1 --timeout 5m",
				"  octl cmd run -bg './server --port 8080' pi1", "  octl cmd run -ss deploy.sh pi1 pi2 -o table",
				"  octl cmd run 'apt-get -y upgrade' pi1 pi2 pi3 --wait-offline 10m --max-concurrency 1 --max-errors 1",
				"  octl cmd run 'tail -f /var/log/syslog' pi1 --continuous --timeout 1m --follow",
				"  octl cmd run 'reboot' pi1 --async", "  octl cmd run 'dmesg' ALL --output-dir results/",
				"  octl cmd xrun -d 30 'systemctl restart app' pi1 pi2",
				"  octl cmd run -ta 'date +%%s.%%N' pi1 pi2 pi3 --max-clock-error 20ms" })
public final class CmdRunCommand extends OctlCommand {

	/**
	 * Extra wait beyond the command's own limits, for delivery, result collection and a
	 * brain restart in between.
	 */
	private static final Duration ANSWER_MARGIN = Duration.ofSeconds(60);

	@Option(names = { "-c", "--shell", "-cc", "--common-command" }, paramLabel = "COMMAND",
			description = "Run COMMAND with bash -c (sh where bash is missing) and wait for its exit (the default mode). "
					+ "-cc and --common-command are Octopoda's spellings.")
	private @Nullable String shell;

	@Option(names = { "-bg", "--background" }, paramLabel = "COMMAND",
			description = "Start COMMAND detached and return as soon as it started; it keeps running "
					+ "(same spelling and meaning as in Octopoda).")
	private @Nullable String background;

	@Option(names = { "-ss", "--script", "--shellscript" }, paramLabel = "SCRIPT",
			description = "Send the local file SCRIPT (at most 1 MiB) and run it with bash (sh where bash is missing) on each node "
					+ "(--shellscript is Octopoda's spelling).")
	private @Nullable Path script;

	@Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
			description = "Run time limit per node, like 30s, 5m, 1h or seconds (default: the config's timeout, else 60s).")
	private @Nullable Duration timeout;

	@Option(names = "--output-limit", paramLabel = "BYTES",
			description = "Most bytes of stdout and of stderr kept per node (default: the brain's limit).")
	private @Nullable Integer outputLimit;

	@Option(names = "--wait-offline", paramLabel = "DURATION", converter = DurationConverter.OrZero.class,
			defaultValue = "0",
			description = "How long an offline node may take to come back and still get the command "
					+ "(default: 0, offline nodes fail at once as 'expired').")
	private Duration waitOffline = Duration.ZERO;

	@Option(names = "--max-concurrency", paramLabel = "N|N%", converter = LimitConverter.class,
			description = "Most nodes running the command at once: a number or a percentage of the nodes "
					+ "(default: all at once).")
	private @Nullable String maxConcurrency;

	@Option(names = "--max-errors", paramLabel = "N|N%", converter = ErrorLimitConverter.class,
			description = "Once more nodes than this failed, start no further node (they end 'cancelled'): "
					+ "a number or a percentage of the nodes (default: no limit).")
	private @Nullable String maxErrors;

	@Option(names = "--continuous",
			description = "The command runs until --timeout ends it (like tail -f), and that counts as success.")
	private boolean continuous;

	@Option(names = "--follow",
			description = "Print output live as 'node| line' (stdout to stdout, stderr to stderr) and the summary "
					+ "table on stderr, so stdout is just the command's output.")
	private boolean follow;

	@Option(names = { "-d", "--delay", "--delay-execute" }, paramLabel = "DURATION",
			converter = DurationConverter.OrZero.class, defaultValue = "0",
			description = "Load the command on the nodes now and start it after DURATION, like 30 or 5m "
					+ "(default: at once). --delay-execute is Octopoda's spelling; a bare number is seconds "
					+ "there too, but a value that is not a duration is an error here, not 0.")
	private Duration delay = Duration.ZERO;

	@Option(names = { "-ta", "--time-aligned", "--time-align" }, arity = "0..1", fallbackValue = "true",
			description = "Start on every node at one instant (after --delay, else about 2s from now), "
					+ "corrected for each node's clock offset; prints the achieved start spread. "
					+ "--time-align is Octopoda's spelling; -ta=false turns it off.")
	private boolean timeAligned;

	@Option(names = "--max-clock-error", paramLabel = "DURATION", converter = DurationConverter.class,
			description = "With -ta: most uncertainty of a node's clock offset to take part, like 20ms "
					+ "(default: the brain's, 50ms).")
	private @Nullable Duration maxClockError;

	@Mixin
	private SelectorOption selector = new SelectorOption();

	@Option(names = "--dry-run", description = "Show the nodes the targets and selectors stand for now; run nothing.")
	private boolean dryRun;

	@Option(names = "--output-dir", paramLabel = "DIR",
			description = "Write each node's stdout, stderr and result to DIR/<node>.out, .err and .json as it "
					+ "arrives (DIR is created if missing; existing files are replaced).")
	private @Nullable Path outputDir;

	@Option(names = "--append",
			description = "With --output-dir: append to the files instead of replacing them (the .json file gets "
					+ "one line per run).")
	private boolean append;

	@Option(names = "--async",
			description = "Print the accepted job and exit 0 without waiting; " + "follow it with 'octl job wait ID'.")
	private boolean async;

	@Parameters(paramLabel = "ARG", arity = "0..*",
			description = "The command (unless -c, -bg or -ss is given), then the node names.")
	private List<String> arguments = new ArrayList<>();

	@Override
	protected int execute(Octl octl) {
		if (this.async && this.follow) {
			throw usage("use either --async or --follow");
		}
		if (this.append && this.outputDir == null) {
			throw usage("--append applies to --output-dir");
		}
		if (this.async && this.outputDir != null) {
			throw usage("--output-dir writes results as they arrive: it cannot go with --async");
		}
		CommandRequest request = request(octl);
		if (this.dryRun) {
			return SelectorOption.dryRun(octl, spec(), request.targets());
		}
		OctoplaneClient client = octl.client();
		if (this.async) {
			octl.printer(spec()).print(client.jobs().submit(request), JobTables::job);
			return ExitStatus.OK;
		}
		PrintWriter err = spec().commandLine().getErr();
		ResultFiles files = (this.outputDir != null) ? new ResultFiles(octl.resolve(this.outputDir), this.append)
				: null;
		// Ctrl-C cancels the job once there is one; the brain
		// answers the start with it, before the job can run far.
		AtomicReference<@Nullable CancelOnInterrupt> ctrlC = new AtomicReference<>();
		AtomicReference<Interrupts.@Nullable Registration> registration = new AtomicReference<>();
		try {
			int status = JobWaiter.run(octl, spec(), client, request, waitLimit(request), this.follow,
					this.waitOffline.isZero() ? JobWaiter.WAIT_OFFLINE_HINT : null, files, (accepted) -> {
						if (!accepted.done()) {
							CancelOnInterrupt cancel = new CancelOnInterrupt(client, accepted.id(), err,
									Thread.currentThread());
							ctrlC.set(cancel);
							registration.set(octl.interrupts().onInterrupt(cancel));
						}
					});
			CancelOnInterrupt cancel = ctrlC.get();
			if (cancel != null) {
				cancel.settle();
			}
			return status;
		}
		catch (OctoplaneConnectionException ex) {
			CancelOnInterrupt cancel = ctrlC.get();
			if (cancel == null || !cancel.detached()
					|| ex.reason() != OctoplaneConnectionException.Reason.INTERRUPTED) {
				throw ex;
			}
			// The interrupt was ours, not the caller's: the run ends normally.
			Thread.interrupted();
			err.println(cancel.followHint());
			err.flush();
			return ExitStatus.INTERRUPTED;
		}
		finally {
			Interrupts.Registration registered = registration.get();
			if (registered != null) {
				registered.close();
			}
		}
	}

	private Duration waitLimit(CommandRequest request) {
		long timeoutSeconds = (request.timeoutSeconds() != null) ? request.timeoutSeconds() : 0;
		int targets = request.targets().size();
		// With a concurrency limit the nodes run in
		// batches, each taking up to the timeout.
		int atOnce = (this.maxConcurrency != null) ? LimitConverter.nodes(this.maxConcurrency, targets) : targets;
		int batches = (targets + atOnce - 1) / atOnce;
		return this.waitOffline.plus(this.delay).plusSeconds(timeoutSeconds * batches).plus(ANSWER_MARGIN);
	}

	private CommandRequest request(Octl octl) {
		int modes = ((this.shell != null) ? 1 : 0) + ((this.background != null) ? 1 : 0)
				+ ((this.script != null) ? 1 : 0);
		if (modes > 1) {
			throw usage("use only one of -c, -bg and -ss");
		}
		List<String> nodes = new ArrayList<>(this.arguments);
		List<String> selected = this.selector.targets(spec());
		CommandMode mode;
		String command;
		if (this.script != null) {
			mode = CommandMode.SCRIPT;
			command = ScriptFile.read(octl.resolve(this.script));
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
		nodes.addAll(selected);
		if (nodes.isEmpty()) {
			throw usage("name at least one node to run on, for example: octl cmd run 'uptime' pi1");
		}
		if (command.isBlank()) {
			throw usage("the command is empty");
		}
		if (this.outputLimit != null && this.outputLimit <= 0) {
			throw usage("--output-limit must be a positive number of bytes");
		}
		if (this.maxClockError != null && !this.timeAligned) {
			throw usage("--max-clock-error applies to time-aligned runs: add -ta");
		}
		if (this.maxClockError != null && this.maxClockError.toMillis() < 1) {
			throw usage("--max-clock-error must be at least 1ms");
		}
		Duration limit = (this.timeout != null) ? this.timeout : octl.config().timeout();
		return new CommandRequest(List.copyOf(new LinkedHashSet<>(nodes)), mode, command, wholeSeconds(limit),
				this.outputLimit, this.waitOffline.isZero() ? 0L : wholeSeconds(this.waitOffline), this.maxConcurrency,
				this.maxErrors, this.continuous, this.follow, this.delay.isZero() ? null : this.delay.toMillis(),
				this.timeAligned ? Boolean.TRUE : null,
				(this.maxClockError != null) ? this.maxClockError.toMillis() : null);
	}

	private static long wholeSeconds(Duration duration) {
		// The wire carries whole seconds; rounding up never cuts a wait short.
		return Math.max(1, (duration.toMillis() + 999) / 1000);
	}

	private ParameterException usage(String message) {
		return new ParameterException(spec().commandLine(), message);
	}

}
