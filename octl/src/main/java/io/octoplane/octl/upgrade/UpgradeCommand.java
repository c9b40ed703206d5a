package io.octoplane.octl.upgrade;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.octoplane.client.JobListener;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.SelectorOption;
import io.octoplane.octl.config.DurationConverter;
import io.octoplane.octl.job.JobTables;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code octl upgrade}: runs the node's upgrade command ({@code $OCTOPLANE_UPGRADE}, set
 * by the tentacle's upgrade launcher) on the named nodes, batch by batch; for the target
 * {@code brain}, calls the upgrade API of the brain octl talks to.
 */
@Command(name = "upgrade", aliases = "pakma",
		description = {
				"Online upgrade of tentacles, or of the brain ('brain' as the only target), run by the "
						+ "upgrade launcher ('tentacle|brain upgrade launch').",
				"  state | history NODE...          versions and what happened",
				"  install VERSION NODE...          download and verify, no switch",
				"  upgrade VERSION NODE...          install if needed, then run as preview",
				"  confirm NODE...                  make the preview stable (once it reconnected)",
				"  cancel NODE...                   go back to the stable version now",
				"  downgrade VERSION NODE...        run an older installed version as preview",
				"  clean NODE...                    delete installed versions not stable, on trial or healthy",
				"  history NODE... [-t TIME] [-l N] N lines from TIME on, or the last N",
				"A preview that is not healthy within the launcher's start timeout, is not confirmed within its "
						+ "confirm timeout after that (2 minutes each by default), or exits, rolls back by itself. "
						+ "Batches stop at the first node that fails.",
				"The brain restarts on upgrade, downgrade and cancel; confirm it once 'state' shows it healthy. "
						+ "With several brains, point octl at each in turn (OCTL_BRAIN) and upgrade one at a time.",
				"'octl pakma' is Octopoda's name for this command, with the same actions and -t/-l. Where Octopoda "
						+ "differs: its install switched to the version as stable at once (here: install downloads; "
						+ "upgrade then confirm switches); its downgrade took no version and went straight back to "
						+ "the previous stable one (here: name the version; it runs as preview until confirmed); "
						+ "its history showed 10 lines by default and the last N when none was as new as -t; "
						+ "the brain cannot be named together with nodes." },
		footerHeading = "%nExamples:%n",
		footer = { "  octl upgrade upgrade 1.1.0 node1 node2 node3 --batch-size 1",
				"  octl upgrade state node1 -o table", "  octl upgrade confirm node1 node2 node3",
				"  octl upgrade upgrade 1.1.0 brain", "  octl upgrade state brain -o table",
				"  octl upgrade confirm brain", "  octl pakma history pi1 -t2026-12-01@00:00:00 -l10",
				"  octl pakma clean brain" })
public final class UpgradeCommand extends OctlCommand {

	private static final Set<String> WITH_VERSION = Set.of("install", "upgrade", "downgrade");

	private static final Set<String> WITHOUT_VERSION = Set.of("state", "history", "confirm", "cancel", "clean");

	// The version ends up in a shell command line on the nodes, so only plain tokens.
	private static final Pattern VERSION = Pattern.compile("[0-9][0-9A-Za-z.+_-]{0,63}");

	@Parameters(index = "0", paramLabel = "ACTION",
			description = "state, history, install, upgrade, confirm, cancel, downgrade or clean.")
	private String action;

	@Parameters(index = "1..*", paramLabel = "ARG", arity = "1..*",
			description = "The version (install, upgrade, downgrade), then the node names.")
	private List<String> arguments = new ArrayList<>();

	@Option(names = { "-t", "--since" }, paramLabel = "TIME", converter = HistoryTime.class,
			description = "history: from this time on, as 2026-12-01@10:00:00 (UTC, Octopoda's form) or "
					+ "2026-12-01T10:00:00Z.")
	private @Nullable Instant since;

	@Option(names = { "-l", "--limit" }, paramLabel = "N",
			description = "history: at most N lines, the first from --since, else the last.")
	private @Nullable Integer limit;

	// -l is --limit here (history), as in Octopoda's pakma.
	@Option(names = "--selector", paramLabel = "SELECTOR", description = SelectorOption.DESCRIPTION)
	private List<String> selectors = new ArrayList<>();

	@Option(names = "--dry-run",
			description = "Show the nodes the targets and selectors stand for now; change nothing.")
	private boolean dryRun;

	@Option(names = "--batch-size", paramLabel = "N", description = "Nodes per batch (default: all at once).")
	private int batchSize;

	@Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
			description = "Time limit per node, downloads included (default: ${DEFAULT-VALUE}).")
	private Duration timeout;

	// Upgrades go to nodes on flaky links, and a node blinks offline while its launcher
	// switches versions; a short wait keeps a reconnecting node from failing the batch.
	@Option(names = "--wait-offline", paramLabel = "DURATION", defaultValue = "1m",
			converter = DurationConverter.OrZero.class,
			description = "How long an offline node may take to come back and still get the command "
					+ "(default: ${DEFAULT-VALUE}; 0 fails offline nodes at once).")
	private Duration waitOffline;

	@Override
	protected int execute(Octl octl) {
		List<String> args = new ArrayList<>(this.arguments);
		String version = null;
		if (WITH_VERSION.contains(this.action)) {
			version = args.remove(0);
			if (!VERSION.matcher(version).matches() && "downgrade".equals(this.action)) {
				throw usage("downgrade names the version to go back to, then the nodes: octl upgrade downgrade "
						+ "VERSION NODE... (Octopoda's pakma downgrade went back to the previous version by itself)");
			}
			if (!VERSION.matcher(version).matches()) {
				throw usage("'" + version + "' is not a version: it starts with a digit and has only 0-9, A-Z, "
						+ "a-z, '.', '+', '_' and '-'");
			}
		}
		else if (!WITHOUT_VERSION.contains(this.action)) {
			throw usage("unknown action '" + this.action + "'; use state, history, install, upgrade, confirm, "
					+ "cancel, downgrade or clean");
		}
		if ((this.since != null || this.limit != null) && !"history".equals(this.action)) {
			throw usage("-t/--since and -l/--limit go with history only");
		}
		if (this.limit != null && this.limit <= 0) {
			throw usage("-l/--limit must be a positive number of lines, not " + this.limit);
		}
		List<String> selected = SelectorOption.targets(spec(), this.selectors);
		List<String> nodes = List.copyOf(new LinkedHashSet<>(args));
		if (nodes.isEmpty() && selected.isEmpty()) {
			throw usage("name at least one node");
		}
		if (!selected.isEmpty() || this.dryRun) {
			// Expanded once, here: the batches below are cut from the nodes matched now.
			List<String> targets = new ArrayList<>(nodes);
			targets.addAll(selected);
			if (this.dryRun) {
				return SelectorOption.dryRun(octl, spec(), targets);
			}
			nodes = octl.client().labels().select(targets).nodes();
		}
		if (nodes.contains("brain")) {
			if (nodes.size() > 1) {
				throw usage("upgrade the brain on its own, not together with nodes: octl upgrade " + this.action
						+ ((version != null) ? " " + version : "") + " brain");
			}
			return BrainUpgrade.run(octl, spec(), this.action, version, this.since, this.limit);
		}
		String command = "${OCTOPLANE_UPGRADE:?this tentacle does not run under the upgrade launcher} " + this.action
				+ ((version != null) ? " " + version : "") + ((this.since != null) ? " --since " + this.since : "")
				+ ((this.limit != null) ? " --limit " + this.limit : "");
		int size = (this.batchSize > 0) ? this.batchSize : nodes.size();
		OctoplaneClient client = octl.client();
		for (int from = 0; from < nodes.size(); from += size) {
			List<String> batch = nodes.subList(from, Math.min(nodes.size(), from + size));
			JobResponse accepted = client.jobs()
				.submit(new CommandRequest(batch, CommandMode.SHELL, command, this.timeout.toSeconds(), null,
						this.waitOffline.toSeconds(), null, null, false, false));
			JobResponse done = client.jobs()
				.await(accepted.id(), this.timeout.plus(this.waitOffline).plusMinutes(1), new JobListener() {
				});
			octl.printer(spec()).print(done, switch (this.action) {
				case "state" -> UpgradeTables::nodeState;
				case "history" -> UpgradeTables::nodeHistory;
				default -> JobTables::job;
			});
			List<String> failed = done.results()
				.stream()
				.filter((result) -> !"succeeded".equals(result.state()))
				.map(NodeCommandResult::name)
				.toList();
			if (!failed.isEmpty()) {
				int rest = nodes.size() - from - batch.size();
				spec().commandLine()
					.getErr()
					.println("octl: error: " + this.action + " failed on " + String.join(", ", failed)
							+ ((rest > 0) ? "; the remaining " + rest + " node(s) were not started" : ""));
				return ExitStatus.GENERIC;
			}
		}
		return ExitStatus.OK;
	}

	private ParameterException usage(String message) {
		return new ParameterException(spec().commandLine(), message);
	}

}
