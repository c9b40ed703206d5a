package io.octoplane.certs;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a certificate and its private key live on disk, both as PEM. This is what the
 * brain's SSL bundle, the tentacle's configuration and octl's profile point at.
 *
 * @param certificate the PEM file holding the certificate (leaf first)
 * @param privateKey the PEM file holding the matching PKCS#8 private key
 */
public record PemPair(Path certificate, Path privateKey) {

	public PemPair {
		Objects.requireNonNull(certificate, "certificate must not be null");
		Objects.requireNonNull(privateKey, "privateKey must not be null");
	}

}
