/**
 * Workgroup paths ({@code /}, {@code /lab/pis}): which names are valid, their canonical
 * form and how relative paths resolve, the same in the brain and in octl.
 */
@NullMarked
package io.octoplane.protocol.workgroup;

import org.jspecify.annotations.NullMarked;
