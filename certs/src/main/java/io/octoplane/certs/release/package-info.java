/**
 * Release signing: an Ed25519 release key signs a statement that binds a package's
 * component, version and SHA-256, so a signed package can be neither altered nor passed
 * off as another version. The nameserver verifies on upload and every tentacle verifies
 * again on download, against the public key it was configured with.
 */
@NullMarked
package io.octoplane.certs.release;

import org.jspecify.annotations.NullMarked;
