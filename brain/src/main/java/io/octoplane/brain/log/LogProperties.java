package io.octoplane.brain.log;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of log reads. Where the brain writes its log, and for how long it keeps it, are
 * Spring Boot's {@code logging.file.name} and {@code logging.logback.rollingpolicy.*}.
 *
 * @param maxBytes the most bytes of lines one answer holds (older lines are left out and
 * the answer marked truncated); also the output limit of a node's log read
 * @param nodeTimeout how long a node may take to answer a log read
 */
@ConfigurationProperties("octoplane.log")
public record LogProperties(@DefaultValue("1MB") DataSize maxBytes, @DefaultValue("30s") Duration nodeTimeout) {

}
