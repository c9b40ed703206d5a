package io.octoplane.brain.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.ErrorKind;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.JobSummary;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.server.web.NotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/** Builds the API's view of jobs from what Redis holds. */
@Component
class JobViews {

	private final JobRepository repository;

	JobViews(JobRepository repository) {
		this.repository = repository;
	}

	JobResponse response(String id) {
		return response(spec(id));
	}

	/** A job's spec, or "no such job". */
	JobSpec spec(String id) {
		return this.repository.spec(id).orElseThrow(() -> notFound(id));
	}

	/**
	 * Whether a job is done, from its header alone.
	 * @param id the job
	 * @return whether every target is final; {@code false} for a job that is gone
	 */
	boolean finished(String id) {
		return this.repository.header(id).map((header) -> header.finishedAtMillis() != null).orElse(false);
	}

	/** The job as stored now; its header and targets are read in one round trip. */
	JobResponse response(JobSpec spec) {
		JobRepository.Snapshot snapshot = this.repository.snapshot(spec.id()).orElseThrow(() -> notFound(spec.id()));
		return response(spec, snapshot.header(), snapshot.deliveries());
	}

	/**
	 * The job from state already at hand.
	 * @param spec the job
	 * @param header its header
	 * @param deliveries the state of its targets
	 * @return the view
	 */
	static JobResponse response(JobSpec spec, JobHeader header, Map<String, Delivery> deliveries) {
		String id = spec.id();
		List<NodeCommandResult> results = new ArrayList<>();
		int pending = 0;
		int success = 0;
		int communication = 0;
		int process = 0;
		int cancelled = 0;
		long firstStart = Long.MAX_VALUE;
		long lastStart = Long.MIN_VALUE;
		long clockError = -1;
		int started = 0;
		for (String target : spec.targets()) {
			Delivery delivery = deliveries.get(target);
			if (delivery == null) {
				continue;
			}
			NodeCommandResult result = result(target, delivery);
			results.add(result);
			if (delivery.startedAtMillis() != null) {
				started++;
				firstStart = Math.min(firstStart, delivery.startedAtMillis());
				lastStart = Math.max(lastStart, delivery.startedAtMillis());
				clockError = Math.max(clockError,
						(delivery.clockErrorMillis() != null) ? delivery.clockErrorMillis() : -1);
			}
			if (!delivery.deliveryState().isFinal()) {
				pending++;
				continue;
			}
			switch (result.errorKind()) {
				case NONE -> success++;
				case COMMUNICATION -> communication++;
				case PROCESS -> process++;
				case CANCELLED -> cancelled++;
			}
		}
		boolean spread = spec.timeAligned() && started >= 2;
		return new JobResponse(id, header.state(), spec.mode(), spec.label(),
				Instant.ofEpochMilli(spec.createdAtMillis()), finishedAt(header), results, pending, success,
				communication, process, cancelled,
				(spec.startAtMillis() > 0) ? Instant.ofEpochMilli(spec.startAtMillis()) : null,
				spread ? lastStart - firstStart : null, (spread && clockError >= 0) ? clockError : null,
				spec.selectors());
	}

	Optional<JobSummary> summary(String id) {
		Optional<JobSpec> found = this.repository.spec(id);
		Optional<JobHeader> header = this.repository.header(id);
		if (found.isEmpty() || header.isEmpty()) {
			return Optional.empty();
		}
		JobSpec spec = found.get();
		JobHeader counts = header.get();
		long communication = counts.count(DeliveryState.EXPIRED) + counts.count(DeliveryState.REJECTED);
		long process = counts.count(DeliveryState.FAILED) + counts.count(DeliveryState.TIMED_OUT);
		return Optional.of(new JobSummary(id, counts.state(), spec.mode(), spec.label(),
				Instant.ofEpochMilli(spec.createdAtMillis()), finishedAt(counts), spec.targets().size(),
				(int) counts.pending(), (int) counts.count(DeliveryState.SUCCEEDED), (int) communication, (int) process,
				(int) counts.count(DeliveryState.CANCELLED), spec.selectors()));
	}

	static NodeCommandResult result(String node, Delivery delivery) {
		DeliveryState state = delivery.deliveryState();
		ErrorKind kind = state.isFinal() ? state.errorKind() : ErrorKind.NONE;
		return new NodeCommandResult(node, state.slug(), kind, delivery.exitCode(), delivery.stdout(),
				delivery.stderr(), delivery.truncated(), delivery.durationMillis(), delivery.error(),
				(delivery.startedAtMillis() != null) ? Instant.ofEpochMilli(delivery.startedAtMillis()) : null,
				delivery.clockErrorMillis(), delivery.scriptOutput());
	}

	static NotFoundException notFound(String id) {
		return new NotFoundException(ErrorCode.JOB_NOT_FOUND, "no such job: " + id);
	}

	private static @Nullable Instant finishedAt(JobHeader header) {
		Long finished = header.finishedAtMillis();
		return (finished != null) ? Instant.ofEpochMilli(finished) : null;
	}

}
