/**
 * The audit trail: every mutating call and every refused one, in a capped Redis stream,
 * readable per workgroup. Entries never hold secrets.
 */
@NullMarked
package io.octoplane.brain.audit;

import org.jspecify.annotations.NullMarked;
