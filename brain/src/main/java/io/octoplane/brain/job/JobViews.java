package io.octoplane.brain.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.ErrorKind;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.JobState;
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
		JobSpec spec = this.repository.spec(id).orElseThrow(() -> notFound(id));
		Map<String, String> header = this.repository.header(id);
		Map<String, Delivery> deliveries = this.repository.deliveries(id);
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
		return new JobResponse(id, state(header), spec.mode(), spec.label(),
				Instant.ofEpochMilli(spec.createdAtMillis()), finishedAt(header), results, pending, success,
				communication, process, cancelled,
				(spec.startAtMillis() > 0) ? Instant.ofEpochMilli(spec.startAtMillis()) : null,
				spread ? lastStart - firstStart : null, (spread && clockError >= 0) ? clockError : null);
	}

	Optional<JobSummary> summary(String id) {
		Optional<JobSpec> found = this.repository.spec(id);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		JobSpec spec = found.get();
		Map<String, String> header = this.repository.header(id);
		long pending = JobRepository.counter(header, DeliveryState.QUEUED)
				+ JobRepository.counter(header, DeliveryState.DELIVERED)
				+ JobRepository.counter(header, DeliveryState.RUNNING);
		long communication = JobRepository.counter(header, DeliveryState.EXPIRED)
				+ JobRepository.counter(header, DeliveryState.REJECTED);
		long process = JobRepository.counter(header, DeliveryState.FAILED)
				+ JobRepository.counter(header, DeliveryState.TIMED_OUT);
		return Optional.of(new JobSummary(id, state(header), spec.mode(), spec.label(),
				Instant.ofEpochMilli(spec.createdAtMillis()), finishedAt(header), spec.targets().size(), (int) pending,
				(int) JobRepository.counter(header, DeliveryState.SUCCEEDED), (int) communication, (int) process,
				(int) JobRepository.counter(header, DeliveryState.CANCELLED)));
	}

	static NodeCommandResult result(String node, Delivery delivery) {
		DeliveryState state = delivery.deliveryState();
		ErrorKind kind = state.isFinal() ? state.errorKind() : ErrorKind.NONE;
		return new NodeCommandResult(node, state.slug(), kind, delivery.exitCode(), delivery.stdout(),
				delivery.stderr(), delivery.truncated(), delivery.durationMillis(), delivery.error(),
				(delivery.startedAtMillis() != null) ? Instant.ofEpochMilli(delivery.startedAtMillis()) : null,
				delivery.clockErrorMillis());
	}

	static NotFoundException notFound(String id) {
		return new NotFoundException(ErrorCode.JOB_NOT_FOUND, "no such job: " + id);
	}

	private static JobState state(Map<String, String> header) {
		return switch (header.getOrDefault("state", "running")) {
			case "completed" -> JobState.COMPLETED;
			case "cancelled" -> JobState.CANCELLED;
			default -> JobState.RUNNING;
		};
	}

	private static @Nullable Instant finishedAt(Map<String, String> header) {
		String value = header.get("finishedAt");
		return (value != null) ? Instant.ofEpochMilli(Long.parseLong(value)) : null;
	}

}
