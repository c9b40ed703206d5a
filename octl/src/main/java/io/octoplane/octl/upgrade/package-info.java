/**
 * {@code octl upgrade}: online upgrade of tentacles, sent as commands through the brain
 * (so they are queued, audited and limited to the caller's workgroup) to the upgrade
 * launcher on each node, in batches that stop at the first failure.
 */
@NullMarked
package io.octoplane.octl.upgrade;

import org.jspecify.annotations.NullMarked;
