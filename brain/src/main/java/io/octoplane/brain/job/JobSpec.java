package io.octoplane.brain.job;

import java.util.List;

import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.agent.RunCommand;

/**
 * A validated command job, as stored in Redis.
 *
 * @param id the job id (also the command id every node sees)
 * @param mode how the command runs
 * @param command command line or script content
 * @param targets node names in the order given
 * @param timeoutMillis run time limit per node
 * @param outputLimitBytes output kept per stream and node
 * @param waitOfflineMillis delivery deadline after creation; 0 fails fast for offline
 * nodes
 * @param maxConcurrency most nodes running at once
 * @param maxErrors failures tolerated before no further node is started
 * @param continuous whether the time limit is the normal end
 * @param streamOutput whether nodes send live output
 * @param createdAtMillis when the brain accepted it
 * @param workgroup the workgroup it was started in; only that workgroup and those above
 * it see the job
 * @param startAtMillis when nodes start it, brain clock, epoch milliseconds; 0 at once
 * @param maxClockErrorMillis clock uncertainty a node may start a time-aligned job with;
 * 0 when it is not time-aligned
 * @param selectors the selectors among the targets as given, canonical, which were
 * expanded into {@code targets} once when the job was accepted; empty when none
 */
record JobSpec(String id, CommandMode mode, String command, List<String> targets, long timeoutMillis,
		int outputLimitBytes, long waitOfflineMillis, int maxConcurrency, int maxErrors, boolean continuous,
		boolean streamOutput, long createdAtMillis, String workgroup, long startAtMillis, long maxClockErrorMillis,
		List<String> selectors) {

	JobSpec {
		targets = List.copyOf(targets);
		// Jobs stored before selectors existed have none.
		selectors = (selectors != null) ? List.copyOf(selectors) : List.of();
	}

	/** Epoch milliseconds after which an undelivered target expires. */
	long deliveryDeadlineMillis() {
		return this.createdAtMillis + this.waitOfflineMillis;
	}

	RunCommand toRunCommand() {
		return new RunCommand(this.id, this.mode, this.command, this.timeoutMillis, this.outputLimitBytes,
				this.continuous, this.streamOutput, this.startAtMillis, this.maxClockErrorMillis);
	}

	/** Whether nodes start at one instant of the brain's clock. */
	boolean timeAligned() {
		return this.maxClockErrorMillis > 0;
	}

	/** The command as listings show it: a script's first line, cut at 200 characters. */
	String label() {
		String text = this.command.strip();
		int archive = text.indexOf(",\"archive\"");
		if (this.mode == CommandMode.NODEAPP && archive > 0) {
			// A nodeapp task may carry a large archive; what it does comes before it.
			text = text.substring(0, archive) + ", ...}";
		}
		if (this.mode == CommandMode.FILE_RECEIVE || this.mode == CommandMode.FILE_SEND) {
			// The transfer token is for the nodes' data connections, not for listings.
			text = text.replaceAll("\"token\":\"[^\"]*\"", "\"token\":\"(hidden)\"");
		}
		int newline = text.indexOf('\n');
		if (newline >= 0) {
			text = text.substring(0, newline) + " ...";
		}
		return (text.length() > 200) ? text.substring(0, 197) + "..." : text;
	}

}
