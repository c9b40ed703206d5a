/**
 * One-shot administration commands run with the brain's jar and configuration, such as
 * setting the root workgroup's password at install time.
 */
@NullMarked
package io.octoplane.brain.admin;

import org.jspecify.annotations.NullMarked;
