/**
 * Who may call the REST API: callers present a client certificate of the operator role,
 * signed by the fleet CA. A node or server certificate is refused even though the same CA
 * signed it.
 */
@NullMarked
package io.octoplane.brain.security;

import org.jspecify.annotations.NullMarked;
