package io.octoplane.brain.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits of the REST API.
 *
 * @param requestsPerSecond sustained requests per second allowed per caller
 * @param burst requests a caller may make at once before the sustained rate applies
 * @param failedLoginsPerMinute failed authentications allowed per source address per
 * minute; more are answered 429 without checking the credentials, so passwords cannot be
 * guessed at speed
 */
@ConfigurationProperties("octoplane.security")
public record SecurityProperties(@DefaultValue("50") double requestsPerSecond, @DefaultValue("200") int burst,
		@DefaultValue("10") int failedLoginsPerMinute) {

}
