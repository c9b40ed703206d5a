/**
 * {@code octl audit}: the audit trail of the acting workgroup.
 */
@NullMarked
package io.octoplane.octl.audit;

import org.jspecify.annotations.NullMarked;
