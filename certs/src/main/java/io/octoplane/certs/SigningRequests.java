package io.octoplane.certs;

import java.security.KeyPair;

import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Creates PKCS#10 certificate signing requests, the enrollment side of
 * {@link CertificateAuthority#signCsr}: a tentacle generates its key pair locally and
 * sends only the CSR, so the private key never leaves the host.
 */
public final class SigningRequests {

	private SigningRequests() {
	}

	/**
	 * Creates a CSR for a key pair. The subject carries the requested name for the
	 * operator's benefit only; the CA decides the certificate's name and role itself.
	 * @param keyPair the key pair whose public key is to be certified, for example from
	 * {@link KeyType#generateKeyPair()}
	 * @param commonName the name to request, see {@link IssueRequest#isValidName}
	 * @return the CSR as PEM ({@code BEGIN CERTIFICATE REQUEST})
	 * @throws IllegalArgumentException if the name is invalid or the key unsupported
	 */
	public static String create(KeyPair keyPair, String commonName) {
		if (!IssueRequest.isValidName(commonName)) {
			throw new IllegalArgumentException("invalid name '" + commonName + "'");
		}
		try {
			PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(
					new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build(), keyPair.getPublic())
				.build(new JcaContentSignerBuilder(KeyType.signatureAlgorithm(keyPair.getPrivate()))
					.build(keyPair.getPrivate()));
			return PemFiles.toPem(csr);
		}
		catch (OperatorCreationException ex) {
			throw new IllegalArgumentException("cannot sign CSR with " + keyPair.getPrivate().getAlgorithm() + " key",
					ex);
		}
	}

}
