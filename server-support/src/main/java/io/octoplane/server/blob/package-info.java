/**
 * Content-addressed files on disk: each stored once under the SHA-256 of its bytes, for
 * the brain's file distribution and the nameserver's release packages alike.
 */
@NullMarked
package io.octoplane.server.blob;

import org.jspecify.annotations.NullMarked;
