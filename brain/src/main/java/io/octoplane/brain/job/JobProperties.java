package io.octoplane.brain.job;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits and defaults for command jobs.
 *
 * @param defaultTimeout run timeout when the request names none
 * @param maxTimeout longest run timeout a request may ask for
 * @param defaultOutputLimit output kept per stream and node when the request names none
 * @param maxOutputLimit largest output limit a request may ask for
 * @param maxTargets most nodes one request may target
 * @param maxCommandBytes largest command text or script accepted
 * @param maxWaitOffline longest delivery deadline a request may ask for
 * @param resultRetention how long finished jobs and their results are kept
 * @param dispatchInterval how often deadlines and concurrency slots are checked, besides
 * the checks every connect and every result trigger
 * @param maxStartDelay longest start delay a request may ask for
 * @param alignedStartLead how far ahead of its acceptance a time-aligned job without a
 * delay starts, so every node has it before the instant
 * @param defaultMaxClockError clock uncertainty a node may have and still take part in a
 * time-aligned start, when the request names none
 */
@ConfigurationProperties("octoplane.command")
public record JobProperties(@DefaultValue("60s") Duration defaultTimeout, @DefaultValue("24h") Duration maxTimeout,
		@DefaultValue("1MB") DataSize defaultOutputLimit, @DefaultValue("1MB") DataSize maxOutputLimit,
		@DefaultValue("10000") int maxTargets, @DefaultValue("1MB") DataSize maxCommandBytes,
		@DefaultValue("7d") Duration maxWaitOffline, @DefaultValue("7d") Duration resultRetention,
		@DefaultValue("500ms") Duration dispatchInterval, @DefaultValue("7d") Duration maxStartDelay,
		@DefaultValue("2s") Duration alignedStartLead, @DefaultValue("50ms") Duration defaultMaxClockError) {

}
