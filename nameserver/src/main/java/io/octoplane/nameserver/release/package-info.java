/**
 * The release store: signed tentacle and brain packages for online upgrades, verified on
 * upload against the release public key, kept on disk by SHA-256 with their details in
 * Redis. Only operators upload; any fleet member reads.
 */
@NullMarked
package io.octoplane.nameserver.release;

import org.jspecify.annotations.NullMarked;
