/**
 * The node's identity on disk: its certificate and private key, replaced as a pair so
 * that no crash leaves a key that does not belong to its certificate, and renewed over
 * the control connection before the certificate expires.
 *
 * <h2>Replacing the pair</h2> A new pair is first written next to the old one as
 * {@code <key>.next} and then {@code <cert>.next}, each through a temporary file, an
 * fsync and an atomic rename. Only then is {@code <key>.next} renamed over the key and
 * {@code <cert>.next} over the certificate. The certificate's {@code .next} file is the
 * commit record: once it exists, the whole new pair is on disk, and
 * {@link io.octoplane.tentacle.identity.IdentityFiles#recover()} at start-up finishes the
 * renames; without it, a lone {@code <key>.next} is an abandoned attempt and is deleted,
 * leaving the old pair untouched. So at every instant either the old pair or the new pair
 * can be restored.
 */
@NullMarked
package io.octoplane.tentacle.identity;

import org.jspecify.annotations.NullMarked;
