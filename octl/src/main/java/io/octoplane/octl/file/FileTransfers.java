package io.octoplane.octl.file;

import java.time.Duration;

import io.octoplane.client.JobListener;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.protocol.api.JobResponse;

/** Waits for the single-node file jobs that download, ls and copy start first. */
final class FileTransfers {

	/** Beyond the transfer's own limit, for delivery and a brain restart in between. */
	static final Duration ANSWER_MARGIN = Duration.ofSeconds(60);

	private FileTransfers() {
	}

	static JobResponse await(OctoplaneClient client, JobResponse accepted, Duration limit) {
		if (accepted.done()) {
			return accepted;
		}
		return client.jobs().await(accepted.id(), limit.plus(ANSWER_MARGIN), new JobListener() {
		});
	}

}
