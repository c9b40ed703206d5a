/**
 * Who may call the brain, on Spring Security's filter chains: the REST API takes an
 * operator client certificate (signed by the fleet CA; a node or server certificate is
 * refused even though the same CA signed it), a workgroup password over HTTP Basic or a
 * bearer API token on every request; the console at {@code /ui} signs in once with a
 * workgroup password or an operator certificate and keeps a session. Both share the
 * authentication providers, the failed-login throttle and the audit trail.
 */
@NullMarked
package io.octoplane.brain.security;

import org.jspecify.annotations.NullMarked;
