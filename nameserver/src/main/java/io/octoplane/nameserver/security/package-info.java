/**
 * Who may call: every request must present a client certificate whose role fits the call,
 * whatever CA signed it; mutating calls are audited.
 */
@NullMarked
package io.octoplane.nameserver.security;

import org.jspecify.annotations.NullMarked;
