/**
 * Content digests: the SHA-256 that names blobs and release packages and checks every
 * transfer end to end.
 */
@NullMarked
package io.octoplane.protocol.digest;

import org.jspecify.annotations.NullMarked;
