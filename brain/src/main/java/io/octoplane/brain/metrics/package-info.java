/**
 * Names the brain's refusals for metrics. Each feature owns its own meters (the agent
 * endpoint its connections and traffic, jobs their outcomes and queues); what is shared
 * is the one counter of turned-away work, {@code octoplane_refusals_total{reason}}, so a
 * dashboard sees every limit in one place whichever port enforced it.
 */
@NullMarked
package io.octoplane.brain.metrics;

import org.jspecify.annotations.NullMarked;
