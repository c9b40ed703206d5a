/**
 * One error shape: RFC 9457 problem documents with the stable {@code code} of
 * {@link io.octoplane.protocol.ErrorCode}.
 */
@NullMarked
package io.octoplane.nameserver.web;

import org.jspecify.annotations.NullMarked;
