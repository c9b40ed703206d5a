package io.octoplane.octl.job;

import java.util.List;

import io.octoplane.client.JobApi;
import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.SelectorOption;
import io.octoplane.protocol.api.JobListResponse;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code octl job list}: the most recent jobs with their counters, newest first.
 */
@Command(name = "list", aliases = "ls",
		description = { "List recent jobs, newest first, with how many nodes are pending, "
				+ "succeeded and failed (FAILED counts communication and process errors and cancelled nodes)." },
		footerHeading = "%nExamples:%n",
		footer = { "  octl job list", "  octl job list --limit 100 -o table",
				"  octl job ls --limit 50 --cursor CURSOR   # the next_cursor of the page before",
				"  octl job list -l site=lab   # jobs sent to a node the selector matches now" })
public final class JobListCommand extends OctlCommand {

	@Option(names = "--limit", paramLabel = "N", defaultValue = "20",
			description = "Most jobs to list, 1 to " + JobApi.MAX_JOBS + " (default: ${DEFAULT-VALUE}).")
	private int limit = 20;

	@Option(names = "--cursor", paramLabel = "CURSOR",
			description = "Start the page where the previous one ended (its next_cursor).")
	private @Nullable String cursor;

	@Mixin
	private SelectorOption selector = new SelectorOption();

	@Override
	protected int execute(Octl octl) {
		if (this.limit < 1 || this.limit > JobApi.MAX_JOBS) {
			throw new ParameterException(spec().commandLine(),
					"--limit must be between 1 and " + JobApi.MAX_JOBS + ", not " + this.limit);
		}
		List<String> targets = this.selector.targets(spec());
		JobListResponse jobs = targets.isEmpty() ? octl.client().jobs().list(this.limit, this.cursor)
				: octl.client().jobs().list(this.limit, this.cursor, targets);
		octl.printer(spec()).print(jobs, JobTables::list);
		octl.noteNextPage(spec(), jobs.nextCursor());
		return ExitStatus.OK;
	}

}
