package io.octoplane.protocol.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Answer of {@code GET /api/v1/jobs}: one page of jobs, the most recent first.
 *
 * @param jobs the jobs of this page
 * @param nextCursor the cursor that asks for the next, older page; absent on the last
 * page. A page may hold fewer jobs than asked for and still have a next one: jobs of
 * other workgroups are skipped, and one call looks only so far back.
 */
public record JobListResponse(List<JobSummary> jobs,
		@JsonProperty("next_cursor") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String nextCursor) {

	public JobListResponse {
		jobs = List.copyOf(jobs);
	}

	/**
	 * A page that is the last one.
	 * @param jobs the jobs
	 */
	public JobListResponse(List<JobSummary> jobs) {
		this(jobs, null);
	}

}
