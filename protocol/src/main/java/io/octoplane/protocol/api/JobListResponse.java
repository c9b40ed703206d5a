package io.octoplane.protocol.api;

import java.util.List;

/**
 * Answer of {@code GET /api/v1/jobs}: the most recent jobs first.
 *
 * @param jobs the jobs
 */
public record JobListResponse(List<JobSummary> jobs) {

	public JobListResponse {
		jobs = List.copyOf(jobs);
	}

}
