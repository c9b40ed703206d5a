/**
 * Host metrics as the tentacle reports them for its node and the brain for its own host,
 * read the same way on both.
 */
@NullMarked
package io.octoplane.protocol.host;

import org.jspecify.annotations.NullMarked;
