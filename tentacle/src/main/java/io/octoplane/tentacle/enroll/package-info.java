/**
 * Enrollment: a tentacle that has a join token but no certificate yet makes its key pair,
 * sends only a certificate signing request to the brain's REST API and saves the
 * certificate it gets back. The private key never leaves the host and the join token
 * never reaches a log.
 *
 * <h2>Outcomes</h2>
 * <ul>
 * <li>201: key and certificate are saved as a pair (see
 * {@link io.octoplane.tentacle.identity}) and the tentacle dials as usual.</li>
 * <li>400, 401, 403, 409 and TLS failures: refused; retrying cannot help, so the tentacle
 * stops with exit code 2 and one line saying why.</li>
 * <li>Connection failures, timeouts, 408, 429 and 5xx: the brain may be starting or
 * overloaded, so the request is retried with backoff,
 * {@value io.octoplane.tentacle.enroll.Enrollment#ATTEMPTS} attempts in all; then exit
 * code 1, which a service manager may restart.</li>
 * </ul>
 */
@NullMarked
package io.octoplane.tentacle.enroll;

import org.jspecify.annotations.NullMarked;
