package io.octoplane.brain.job;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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

	private final JobSpecFactory specs;

	private final JobService jobs;

	private final JobViews views;

	private final JobRepository repository;

	private final JobEvents events;

	NodeJobs(JobSpecFactory specs, JobService jobs, JobViews views, JobRepository repository, JobEvents events) {
		this.specs = specs;
		this.jobs = jobs;
		this.views = views;
		this.repository = repository;
		this.events = events;
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
		JobSpec spec = this.repository.spec(id).orElseThrow(() -> JobViews.notFound(id));
		CountDownLatch done = new CountDownLatch(1);
		// Following before the first look, so the "done" event cannot slip in between.
		try (JobEvents.Subscription subscription = this.events.subscribe(id, false, (event, data) -> {
			if ("done".equals(event)) {
				done.countDown();
			}
		})) {
			if (this.views.finished(id)) {
				return this.views.response(spec);
			}
			if (!done.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
				JobResponse job = this.views.response(spec);
				if (job.done()) {
					return job;
				}
				throw new UnavailableException(
						"job " + id + " did not finish within " + limit.toSeconds() + " s; see octl job get " + id);
			}
			return this.views.response(spec);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UnavailableException("interrupted while waiting for job " + id);
		}
	}

}
