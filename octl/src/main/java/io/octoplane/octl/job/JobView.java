package io.octoplane.octl.job;

import io.octoplane.client.JobListener;
import io.octoplane.protocol.api.JobResponse;

/**
 * How a waiting command shows a job: what it prints while the job runs (as a
 * {@link JobListener}) and once it is over.
 */
interface JobView extends JobListener {

	/**
	 * Prints what is left once the job is done, or once the wait gave up.
	 * @param job the final job, or the last state seen when the wait timed out
	 */
	void finish(JobResponse job);

}
