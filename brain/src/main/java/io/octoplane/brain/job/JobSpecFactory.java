package io.octoplane.brain.job;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.server.web.InvalidRequestException;

import org.springframework.stereotype.Component;

/** Checks a command request against the limits and turns it into a {@link JobSpec}. */
@Component
class JobSpecFactory {

	private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

	private final JobProperties properties;

	private final Clock clock;

	JobSpecFactory(JobProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Validates a request whose {@code @group} targets were already expanded.
	 * @param request the request
	 * @param targets the node names it targets
	 * @param selectors the selectors among its targets as given, canonical
	 * @param workgroup the workgroup the job is started in
	 * @return the job
	 */
	JobSpec create(CommandRequest request, List<String> targets, List<String> selectors, String workgroup) {
		validateTargets(targets);
		validateCommand(request);
		int count = targets.size();
		long now = this.clock.millis();
		long delay = startDelay(request).toMillis();
		boolean aligned = Boolean.TRUE.equals(request.timeAligned());
		if (aligned && delay == 0) {
			delay = this.properties.alignedStartLead().toMillis();
		}
		long startAt = (delay > 0) ? now + delay : 0;
		long maxClockError = aligned ? maxClockError(request) : 0;
		return new JobSpec(UUID.randomUUID().toString(), request.mode(), request.command(), targets,
				timeout(request).toMillis(), outputLimit(request), waitOffline(request).toMillis(),
				FanOutLimit.concurrency(request.maxConcurrency(), count, "max_concurrency"),
				FanOutLimit.errors(request.maxErrors(), count, "max_errors"), Boolean.TRUE.equals(request.continuous()),
				Boolean.TRUE.equals(request.streamOutput()), now, workgroup, startAt, maxClockError, selectors);
	}

	/**
	 * A nodeapp job of the scenario service, which checked the task's size itself (an
	 * archive may be larger than a command).
	 * @param task the task as JSON
	 * @param targets the node names, visible to the workgroup
	 * @param timeout run time limit per node
	 * @param workgroup the workgroup the job is started in
	 * @return the job
	 */
	JobSpec createNodeapp(String task, List<String> targets, Duration timeout, String workgroup) {
		validateTargets(targets);
		return new JobSpec(UUID.randomUUID().toString(), CommandMode.NODEAPP, task, targets, timeout.toMillis(),
				(int) this.properties.defaultOutputLimit().toBytes(), 0, targets.size(), targets.size(), false, false,
				this.clock.millis(), workgroup, 0, 0, List.of());
	}

	private void validateTargets(List<String> targets) {
		if (targets.isEmpty()) {
			throw new InvalidRequestException("targets must name at least one node");
		}
		if (targets.size() > this.properties.maxTargets()) {
			throw new InvalidRequestException(
					"at most " + this.properties.maxTargets() + " targets per command, got " + targets.size());
		}
		Set<String> seen = new HashSet<>();
		for (String target : targets) {
			if (!NODE_NAME.matcher(target).matches()) {
				throw new InvalidRequestException("'" + target + "' is not a valid node name");
			}
			if (!seen.add(target)) {
				throw new InvalidRequestException("node " + target + " is named twice in targets");
			}
		}
	}

	private void validateCommand(CommandRequest request) {
		if (request.command().isBlank()) {
			throw new InvalidRequestException("command must not be blank");
		}
		long commandBytes = request.command().getBytes(StandardCharsets.UTF_8).length;
		if (commandBytes > this.properties.maxCommandBytes().toBytes()) {
			throw new InvalidRequestException("command is " + commandBytes + " bytes; the limit is "
					+ this.properties.maxCommandBytes().toBytes());
		}
	}

	private Duration timeout(CommandRequest request) {
		if (request.timeoutSeconds() == null) {
			return this.properties.defaultTimeout();
		}
		long seconds = request.timeoutSeconds();
		if (seconds < 1 || seconds > this.properties.maxTimeout().toSeconds()) {
			throw new InvalidRequestException("timeout_seconds must be between 1 and "
					+ this.properties.maxTimeout().toSeconds() + ", got " + seconds);
		}
		return Duration.ofSeconds(seconds);
	}

	private Duration startDelay(CommandRequest request) {
		if (request.startDelayMillis() == null) {
			return Duration.ZERO;
		}
		long millis = request.startDelayMillis();
		if (millis < 0 || millis > this.properties.maxStartDelay().toMillis()) {
			throw new InvalidRequestException("start_delay_ms must be between 0 and "
					+ this.properties.maxStartDelay().toMillis() + ", got " + millis);
		}
		return Duration.ofMillis(millis);
	}

	private long maxClockError(CommandRequest request) {
		if (request.maxClockErrorMillis() == null) {
			return this.properties.defaultMaxClockError().toMillis();
		}
		long millis = request.maxClockErrorMillis();
		if (millis < 1 || millis > 60_000) {
			throw new InvalidRequestException("max_clock_error_ms must be between 1 and 60000, got " + millis);
		}
		return millis;
	}

	private Duration waitOffline(CommandRequest request) {
		if (request.waitOfflineSeconds() == null) {
			return Duration.ZERO;
		}
		long seconds = request.waitOfflineSeconds();
		if (seconds < 0 || seconds > this.properties.maxWaitOffline().toSeconds()) {
			throw new InvalidRequestException("wait_offline_seconds must be between 0 and "
					+ this.properties.maxWaitOffline().toSeconds() + ", got " + seconds);
		}
		return Duration.ofSeconds(seconds);
	}

	private int outputLimit(CommandRequest request) {
		if (request.outputLimitBytes() == null) {
			return (int) this.properties.defaultOutputLimit().toBytes();
		}
		int limit = request.outputLimitBytes();
		if (limit < 1 || limit > this.properties.maxOutputLimit().toBytes()) {
			throw new InvalidRequestException("output_limit_bytes must be between 1 and "
					+ this.properties.maxOutputLimit().toBytes() + ", got " + limit);
		}
		return limit;
	}

}
