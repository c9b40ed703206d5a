package io.octoplane.certs;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * What a certificate may be used for in Octoplane. The role is written into the subject's
 * organizational unit (OU) and backed by the extended key usage (EKU), and a peer is only
 * given a role when both agree: a node certificate cannot open the brain's operator API
 * and an operator certificate cannot dial in as a tentacle, even though one CA signs
 * both.
 */
public enum CertificateRole {

	/** A tentacle's client certificate; the CN is the node name. */
	NODE("node", false),

	/** A person's or script's client certificate for the brain's REST API. */
	OPERATOR("operator", false),

	/** The brain's server certificate; also usable as a client towards the nameserver. */
	BRAIN("brain", true),

	/** The nameserver's server certificate; also usable as a client. */
	NAMESERVER("nameserver", true);

	private static final String CLIENT_AUTH = KeyPurposeId.id_kp_clientAuth.getId();

	private static final String SERVER_AUTH = KeyPurposeId.id_kp_serverAuth.getId();

	private final String ou;

	private final boolean server;

	CertificateRole(String ou, boolean server) {
		this.ou = ou;
		this.server = server;
	}

	/**
	 * The value of the subject OU attribute that marks this role.
	 * @return {@code node}, {@code operator}, {@code brain} or {@code nameserver}
	 */
	public String ou() {
		return this.ou;
	}

	/**
	 * Whether certificates of this role serve TLS (and so carry the serverAuth key
	 * purpose and subject alternative names).
	 * @return {@code true} for {@link #BRAIN} and {@link #NAMESERVER}
	 */
	public boolean isServer() {
		return this.server;
	}

	/**
	 * The key purposes a certificate of this role is issued with. Server roles get
	 * clientAuth as well because the brain dials the nameserver as a client.
	 */
	List<KeyPurposeId> keyPurposes() {
		return this.server ? List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth)
				: List.of(KeyPurposeId.id_kp_clientAuth);
	}

	/**
	 * Finds the role of a certificate. The subject must carry exactly one OU naming a
	 * role, and the extended key usage must fit it: client roles need clientAuth and must
	 * not also be servers (no serverAuth), server roles need serverAuth. CA certificates
	 * never have a role.
	 * @param cert the certificate, usually a peer's leaf certificate after the TLS
	 * handshake
	 * @return the role, or empty when the certificate has no role, an unknown one,
	 * several, or an extended key usage that contradicts it
	 */
	public static Optional<CertificateRole> of(X509Certificate cert) {
		if (cert.getBasicConstraints() >= 0) {
			return Optional.empty();
		}
		List<String> units = attributeValues(cert, BCStyle.OU);
		if (units.size() != 1) {
			return Optional.empty();
		}
		List<String> purposes;
		try {
			purposes = cert.getExtendedKeyUsage();
		}
		catch (CertificateParsingException ex) {
			return Optional.empty();
		}
		if (purposes == null) {
			return Optional.empty();
		}
		for (CertificateRole role : values()) {
			if (role.ou.equals(units.get(0))) {
				return role.matches(purposes) ? Optional.of(role) : Optional.empty();
			}
		}
		return Optional.empty();
	}

	private boolean matches(List<String> purposes) {
		if (this.server) {
			return purposes.contains(SERVER_AUTH);
		}
		return purposes.contains(CLIENT_AUTH) && !purposes.contains(SERVER_AUTH);
	}

	/**
	 * Reads the subject common name (CN) of a certificate: the node, operator or server
	 * name.
	 * @param cert the certificate
	 * @return the CN
	 * @throws IllegalArgumentException if the subject has no CN or more than one, since
	 * an ambiguous identity must not be guessed at
	 */
	public static String commonName(X509Certificate cert) {
		List<String> names = attributeValues(cert, BCStyle.CN);
		if (names.size() != 1) {
			throw new IllegalArgumentException("certificate subject '" + cert.getSubjectX500Principal().getName()
					+ "' must have exactly one CN, found " + names.size());
		}
		return names.get(0);
	}

	private static List<String> attributeValues(X509Certificate cert, ASN1ObjectIdentifier type) {
		X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
		RDN[] rdns = subject.getRDNs(type);
		return Arrays.stream(rdns)
			.flatMap((rdn) -> Arrays.stream(rdn.getTypesAndValues()))
			.filter((value) -> value.getType().equals(type))
			.map((value) -> text(value.getValue()))
			.toList();
	}

	private static String text(ASN1Encodable value) {
		// IETFUtils escapes RFC 4514 specials; callers want the raw name as issued.
		return (value instanceof ASN1String string) ? string.getString() : IETFUtils.valueToString(value);
	}

}
