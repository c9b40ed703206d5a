package io.octoplane.brain.job;

import java.time.Clock;

import io.octoplane.protocol.api.JobState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes finished jobs once they are older than the result retention. */
@Component
class JobRetention {

	private static final Logger logger = LoggerFactory.getLogger(JobRetention.class);

	private final JobRepository repository;

	private final JobProperties properties;

	private final Clock clock;

	JobRetention(JobRepository repository, JobProperties properties, Clock clock) {
		this.repository = repository;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
	void prune() {
		try {
			long cutoff = this.clock.millis() - this.properties.resultRetention().toMillis();
			int pruned = 0;
			for (String id : this.repository.jobsCreatedBefore(cutoff, 500)) {
				if (this.repository.header(id).map((header) -> header.state() != JobState.RUNNING).orElse(true)) {
					this.repository.delete(id);
					pruned++;
				}
			}
			if (pruned > 0) {
				logger.info("Deleted {} job(s) past the result retention", pruned);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Pruning old jobs failed: {}", ex.getMessage());
		}
	}

}
