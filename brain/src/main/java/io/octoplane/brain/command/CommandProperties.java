package io.octoplane.brain.command;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits and defaults for commands.
 *
 * @param defaultTimeout run timeout when the request names none
 * @param maxTimeout longest run timeout a request may ask for
 * @param defaultOutputLimit output kept per stream and node when the request names none
 * @param maxOutputLimit largest output limit a request may ask for
 * @param maxTargets most nodes one request may target
 * @param maxCommandBytes largest command text or script accepted
 * @param resultGrace extra time after the run timeout to wait for a result to travel back
 */
@ConfigurationProperties("octoplane.command")
public record CommandProperties(@DefaultValue("60s") Duration defaultTimeout, @DefaultValue("24h") Duration maxTimeout,
		@DefaultValue("1MB") DataSize defaultOutputLimit, @DefaultValue("1MB") DataSize maxOutputLimit,
		@DefaultValue("10000") int maxTargets, @DefaultValue("1MB") DataSize maxCommandBytes,
		@DefaultValue("30s") Duration resultGrace) {

}
