package io.octoplane.brain.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Size of the audit trail.
 *
 * @param maxEntries about how many entries are kept; older ones are trimmed
 */
@ConfigurationProperties("octoplane.audit")
public record AuditProperties(@DefaultValue("100000") long maxEntries) {

}
