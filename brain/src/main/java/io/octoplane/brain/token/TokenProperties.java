package io.octoplane.brain.token;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of tokens.
 *
 * @param maxTtl longest lifetime a token may be given
 * @param maxUses most enrollments one join token may allow
 * @param maxPerWorkgroup most unexpired tokens one workgroup may hold
 */
@ConfigurationProperties("octoplane.token")
public record TokenProperties(@DefaultValue("30d") Duration maxTtl, @DefaultValue("1000") int maxUses,
		@DefaultValue("1000") int maxPerWorkgroup) {

}
