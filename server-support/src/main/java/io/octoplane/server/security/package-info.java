/**
 * Who calls a server: the identity its authentication filter found, kept on the request
 * for the controllers and the audit.
 */
@NullMarked
package io.octoplane.server.security;

import org.jspecify.annotations.NullMarked;
