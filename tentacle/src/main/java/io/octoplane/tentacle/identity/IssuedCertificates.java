package io.octoplane.tentacle.identity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import io.octoplane.certs.CertificateRole;
import io.octoplane.certs.PemFiles;

/**
 * Checks a certificate the brain sent before it replaces anything on disk: a certificate
 * for another key, another name or from another CA would leave the node unable to dial,
 * and it is far easier to refuse it than to recover from it.
 */
public final class IssuedCertificates {

	private IssuedCertificates() {
	}

	/**
	 * Parses a certificate the brain sent and checks it is usable as this node's.
	 * @param pem the certificate, PEM
	 * @param keyPair the key pair whose public key was sent in the CSR
	 * @param name the node name it must be for
	 * @param ca the CA certificate PEM file it must be signed by (any certificate in it)
	 * @return the certificate
	 * @throws CertificateException if it cannot be parsed or fails a check; the message
	 * says which
	 */
	public static X509Certificate check(String pem, KeyPair keyPair, String name, Path ca) throws CertificateException {
		X509Certificate certificate;
		try {
			certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (CertificateException | ClassCastException ex) {
			throw new CertificateException("it is not a PEM certificate", ex);
		}
		if (!Arrays.equals(certificate.getPublicKey().getEncoded(), keyPair.getPublic().getEncoded())) {
			throw new CertificateException("it is not for the key this node sent");
		}
		String actual;
		try {
			actual = CertificateRole.commonName(certificate);
		}
		catch (IllegalArgumentException ex) {
			throw new CertificateException("it has no single CN", ex);
		}
		if (!name.equals(actual)) {
			throw new CertificateException("it is for '" + actual + "', not '" + name + "'");
		}
		if (CertificateRole.of(certificate).orElse(null) != CertificateRole.NODE) {
			throw new CertificateException("it does not carry the node role");
		}
		if (!signedBy(certificate, ca)) {
			throw new CertificateException("it is not signed by the CA in " + ca);
		}
		return certificate;
	}

	private static boolean signedBy(X509Certificate certificate, Path ca) throws CertificateException {
		List<X509Certificate> authorities;
		try {
			authorities = PemFiles.readCertificates(ca);
		}
		catch (IOException ex) {
			throw new CertificateException("cannot read the CA certificate " + ca + ": " + ex.getMessage(), ex);
		}
		for (X509Certificate authority : authorities) {
			try {
				certificate.verify(authority.getPublicKey());
				return true;
			}
			catch (GeneralSecurityException ex) {
				// Perhaps signed by another of the configured CAs.
			}
		}
		return false;
	}

}
