package io.octoplane.certs;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate fresh from {@link CertificateAuthority#issue}, with the private key that
 * was generated for it and the CA certificate that signed it.
 *
 * @param certificate the issued leaf certificate
 * @param privateKey its private key; never printed by {@link #toString()}
 * @param issuer the CA certificate that signed it
 */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey, X509Certificate issuer) {

	public IssuedCertificate {
		Objects.requireNonNull(certificate, "certificate must not be null");
		Objects.requireNonNull(privateKey, "privateKey must not be null");
		Objects.requireNonNull(issuer, "issuer must not be null");
	}

	/**
	 * Writes the certificate and key as PEM. The certificate file holds the leaf only
	 * (peers are configured with the CA separately); the key file is unencrypted PKCS#8
	 * with POSIX mode 600 where the file system supports it.
	 * @param certPem the certificate target
	 * @param keyPem the key target
	 * @param overwrite whether existing files may be replaced
	 * @return the written pair
	 * @throws java.nio.file.FileAlreadyExistsException if a target exists and
	 * {@code overwrite} is false; nothing is written then
	 * @throws IOException if writing fails
	 */
	public PemPair writeTo(Path certPem, Path keyPem, boolean overwrite) throws IOException {
		return PemFiles.writePair(certPem, List.of(this.certificate), keyPem, this.privateKey, overwrite);
	}

	@Override
	public String toString() {
		return "IssuedCertificate[subject=" + this.certificate.getSubjectX500Principal().getName() + ", serial="
				+ this.certificate.getSerialNumber().toString(16) + "]";
	}

}
