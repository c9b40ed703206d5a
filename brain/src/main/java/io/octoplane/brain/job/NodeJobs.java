package io.octoplane.brain.job;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.octoplane.protocol.api.JobResponse;
import io.octoplane.server.web.UnavailableException;

import org.springframework.stereotype.Service;

/**
 * Jobs that other features start on behalf of an operator (the scenario service runs
 * every nodeapp task as one): they take the same durable path as {@code octl cmd run}, so
 * an offline node gets an honest per-node result, and they are listed with the rest.
 */
@Service
public class NodeJobs {

	// Short enough that a step's end is seen at once, long enough not to load Redis.
	private static final Duration POLL = Duration.ofMillis(100);

	private final JobSpecFactory specs;

	private final JobService jobs;

	private final JobViews views;

	private final Clock clock;

	NodeJobs(JobSpecFactory specs, JobService jobs, JobViews views, Clock clock) {
		this.specs = specs;
		this.jobs = jobs;
		this.views = views;
		this.clock = clock;
	}

	/**
	 * Starts a nodeapp job; nodes that are offline end {@code expired} at once.
	 * @param task the {@link io.octoplane.protocol.agent.NodeappTask} as JSON
	 * @param targets node names the workgroup sees
	 * @param timeout run time limit per node
	 * @param workgroup the workgroup the job belongs to
	 * @param callerName who asked
	 * @return the job's id
	 */
	public String submitNodeapp(String task, List<String> targets, Duration timeout, String workgroup,
			String callerName) {
		return this.jobs.accept(this.specs.createNodeapp(task, targets, timeout, workgroup), callerName).id();
	}

	/**
	 * Waits until a job finished.
	 * @param id the job
	 * @param limit how long to wait at most
	 * @return the finished job
	 * @throws UnavailableException if it did not finish in time
	 */
	public JobResponse await(String id, Duration limit) {
		long deadline = this.clock.millis() + limit.toMillis();
		while (true) {
			JobResponse job = this.views.response(id);
			if (job.done()) {
				return job;
			}
			if (this.clock.millis() > deadline) {
				throw new UnavailableException(
						"job " + id + " did not finish within " + limit.toSeconds() + " s; see octl job get " + id);
			}
			try {
				Thread.sleep(POLL);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new UnavailableException("interrupted while waiting for job " + id);
			}
		}
	}

}
