/**
 * {@code octl release}: signs release packages with the release key and uploads them to
 * the nameserver; lists what it stores.
 */
@NullMarked
package io.octoplane.octl.release;

import org.jspecify.annotations.NullMarked;
