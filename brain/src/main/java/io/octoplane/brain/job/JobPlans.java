package io.octoplane.brain.job;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The plans of the jobs this brain is dispatching, read from Redis once per job: a job
 * accepted by another brain, or before a restart, is found on first use.
 */
final class JobPlans {

	private final JobRepository repository;

	private final ConcurrentMap<String, JobPlan> plans = new ConcurrentHashMap<>();

	JobPlans(JobRepository repository) {
		this.repository = repository;
	}

	/** A job this brain accepted: its plan is at hand. */
	JobPlan add(JobSpec spec) {
		JobPlan plan = new JobPlan(spec);
		this.plans.put(spec.id(), plan);
		return plan;
	}

	/** The plan of a job whose spec is at hand, kept if there was none. */
	JobPlan of(JobSpec spec) {
		return this.plans.computeIfAbsent(spec.id(), (id) -> new JobPlan(spec));
	}

	/**
	 * The plan of a job, read from Redis when this brain has none; empty if it is gone.
	 */
	Optional<JobPlan> find(String id) {
		JobPlan cached = this.plans.get(id);
		if (cached != null) {
			return Optional.of(cached);
		}
		Optional<JobPlan> plan = this.repository.spec(id).map(JobPlan::new);
		plan.ifPresent((value) -> this.plans.putIfAbsent(id, value));
		return plan;
	}

	void forget(String id) {
		this.plans.remove(id);
	}

	/** Forgets every job not among the active ones (finished by another brain). */
	void retainOnly(Set<String> active) {
		this.plans.keySet().retainAll(active);
	}

}
