package io.octoplane.brain.job;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.octoplane.protocol.api.JobListResponse;
import io.octoplane.protocol.api.JobSummary;
import org.jspecify.annotations.Nullable;

/**
 * Pages of the job listing, newest first, by cursor. Jobs a caller may not see are
 * skipped; one call looks at {@value #SCAN_LIMIT} jobs at most, and a page cut short by
 * that still hands out the cursor of the last job it looked at, so a caller in a small
 * workgroup pages on instead of waiting for a walk over every job.
 */
final class JobPages {

	/** Most jobs one listing call looks at, visible or not. */
	static final int SCAN_LIMIT = 5000;

	private static final int CHUNK = 100;

	private final JobRepository repository;

	private final JobViews views;

	JobPages(JobRepository repository, JobViews views) {
		this.repository = repository;
		this.views = views;
	}

	/**
	 * One page.
	 * @param limit most jobs in the page
	 * @param cursor a previous page's {@code next_cursor}, or {@code null} for the newest
	 * @param visible whether the caller may see a job, by id
	 * @return the page and, unless it is the last, the cursor of the next
	 * @throws io.octoplane.server.web.InvalidRequestException if the cursor is not one
	 * this listing handed out
	 */
	JobListResponse list(int limit, @Nullable String cursor, Predicate<String> visible) {
		JobPosition last = JobPosition.parse(cursor);
		List<JobSummary> jobs = new ArrayList<>();
		int scanned = 0;
		boolean more = true;
		while (jobs.size() < limit && scanned < SCAN_LIMIT && more) {
			int count = Math.min(Math.max(limit - jobs.size(), CHUNK), SCAN_LIMIT - scanned);
			List<JobPosition> positions = this.repository.jobsAfter(last, count);
			more = positions.size() == count;
			for (JobPosition position : positions) {
				last = position;
				scanned++;
				if (visible.test(position.id())) {
					this.views.summary(position.id()).ifPresent(jobs::add);
					if (jobs.size() == limit) {
						break;
					}
				}
			}
		}
		boolean next = last != null && !this.repository.jobsAfter(last, 1).isEmpty();
		return new JobListResponse(jobs, next ? last.cursor() : null);
	}

}
