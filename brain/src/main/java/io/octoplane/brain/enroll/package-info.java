/**
 * Enrollment and renewal of node certificates. A new node makes its key itself and sends
 * only a signing request with a join token; the brain signs it with the fleet CA (when
 * configured to hold its key) with the name and the node role forced by the brain.
 * Connected nodes renew the same way over their mutual-TLS link.
 */
@NullMarked
package io.octoplane.brain.enroll;

import org.jspecify.annotations.NullMarked;
