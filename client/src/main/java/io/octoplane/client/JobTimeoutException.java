package io.octoplane.client;

import java.time.Duration;

import io.octoplane.protocol.api.JobResponse;
import org.jspecify.annotations.Nullable;

/**
 * A job did not finish within the time {@link JobApi#await} was given. The job itself
 * keeps running on the brain; {@link #lastJob()} holds the latest state the client saw,
 * if the brain could be reached at all.
 */
public final class JobTimeoutException extends OctoplaneException {

	private final String jobId;

	private final Duration timeout;

	private final @Nullable JobResponse lastJob;

	JobTimeoutException(String jobId, Duration timeout, @Nullable JobResponse lastJob) {
		super(message(jobId, timeout, lastJob));
		this.jobId = jobId;
		this.timeout = timeout;
		this.lastJob = lastJob;
	}

	private static String message(String jobId, Duration timeout, @Nullable JobResponse lastJob) {
		String progress = (lastJob != null)
				? " (" + lastJob.pending() + " of " + lastJob.results().size() + " targets still pending)"
				: " (the brain could not be reached to read its state)";
		String limit = (timeout.toMillis() % 1000 == 0) ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
		return "job " + jobId + " did not finish within " + limit + progress
				+ "; it keeps running on the brain: see 'octl job get " + jobId + "'";
	}

	/** The job waited for. */
	public String jobId() {
		return this.jobId;
	}

	/** How long the client waited. */
	public Duration timeout() {
		return this.timeout;
	}

	/** The latest state of the job the client saw, or {@code null} if it saw none. */
	public @Nullable JobResponse lastJob() {
		return this.lastJob;
	}

}
