package io.octoplane.octl.job;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

import io.octoplane.octl.ExitStatus;
import io.octoplane.protocol.api.ErrorKind;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import org.jspecify.annotations.Nullable;

/**
 * The exit status of a finished job: 0 only when the command succeeded on every node,
 * otherwise 1 with one line on stderr naming the nodes where it did not.
 */
final class JobOutcome {

	private JobOutcome() {
	}

	static int report(JobResponse job, PrintWriter err, @Nullable String offlineHint) {
		List<NodeCommandResult> failed = job.results().stream().filter((result) -> !succeeded(result)).toList();
		if (failed.isEmpty()) {
			return ExitStatus.OK;
		}
		err.println("octl: command did not succeed on " + failed.size() + " of " + job.results().size() + " nodes: "
				+ failed.stream().map(JobOutcome::describe).collect(Collectors.joining(", ")));
		if (offlineHint != null && failed.stream().anyMatch((result) -> "expired".equals(result.state()))) {
			err.println("octl: " + offlineHint);
		}
		err.flush();
		return ExitStatus.GENERIC;
	}

	private static boolean succeeded(NodeCommandResult result) {
		return result.errorKind() == ErrorKind.NONE && "succeeded".equals(result.state());
	}

	private static String describe(NodeCommandResult result) {
		String exit = (result.exitCode() != null) ? ", exit " + result.exitCode() : "";
		return result.name() + " (" + result.state() + exit + ")";
	}

}
