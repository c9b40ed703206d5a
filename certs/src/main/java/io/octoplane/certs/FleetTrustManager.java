package io.octoplane.certs;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jspecify.annotations.Nullable;

/**
 * Checks client certificates that a fleet CA signed itself, the way every node
 * certificate is issued, without the JDK's general certificate path machinery: the issuer
 * must be one of the trusted CAs, the CA's signature must verify, the certificate must be
 * within its validity period, fit a TLS client (key usage, extended key usage) and carry
 * no critical extension other than those. The CA's signature is verified with Bouncy
 * Castle against the CA's key, whose precomputed multiples Bouncy Castle keeps from one
 * verification to the next: about five times less CPU than the JDK's ECDSA for that step,
 * which with the path building skipped makes a full handshake of a reconnecting node
 * cheaper for the brain (see docs/benchmarks.md).
 *
 * <p>
 * Only acceptance is decided here. Whatever does not pass every check above (another
 * issuer, an intermediate in the chain, an expired or not yet valid certificate, a bad
 * signature, an unusual algorithm, key size or extension, a CA with name constraints) is
 * handed to the JDK's PKIX trust manager, which accepts or refuses it, with the reasons
 * and exceptions it always gave. So this class accepts nothing the JDK would refuse under
 * its default algorithm constraints, and refuses nothing it would accept. Roles and
 * revocation are checked after the handshake, as before.
 *
 * <p>
 * Server certificates and the accepted issuers are the JDK trust manager's business
 * alone. Thread-safe.
 */
public final class FleetTrustManager extends X509ExtendedTrustManager {

	// Not registered with the JDK: only this class asks it for signatures.
	private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

	private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

	private static final String ANY_PURPOSE = "2.5.29.37.0";

	/** Extensions the checks here understand, so they may be critical. */
	private static final Set<String> UNDERSTOOD_CRITICAL = Set.of("2.5.29.15", "2.5.29.17", "2.5.29.19", "2.5.29.37");

	/** Extensions of a CA that restrict what it may sign; left to the JDK. */
	private static final List<String> CA_RESTRICTIONS = List.of("2.5.29.30", "2.5.29.36", "2.5.29.32", "2.5.29.54",
			"2.5.29.33");

	/** Netscape certificate type: the JDK interprets it, so it is left to the JDK. */
	private static final String NETSCAPE_TYPE = "2.16.840.1.113730.1.1";

	/** Signature algorithms by OID, each allowed by the JDK's default constraints. */
	private static final Map<String, String> SIGNATURES = Map.of("1.2.840.10045.4.3.2", "SHA256withECDSA",
			"1.2.840.10045.4.3.3", "SHA384withECDSA", "1.2.840.10045.4.3.4", "SHA512withECDSA", "1.2.840.113549.1.1.11",
			"SHA256withRSA", "1.2.840.113549.1.1.12", "SHA384withRSA", "1.2.840.113549.1.1.13", "SHA512withRSA");

	private final X509ExtendedTrustManager pkix;

	private final List<Anchor> anchors;

	private final Clock clock;

	/**
	 * Creates the trust manager.
	 * @param pkix the JDK's trust manager for the same CAs, which decides whatever is not
	 * accepted here
	 * @param cas the trusted CA certificates; those that restrict what they may sign
	 * (name or policy constraints) are left to {@code pkix} entirely
	 * @param clock the time validity periods are checked at
	 */
	public FleetTrustManager(X509ExtendedTrustManager pkix, Collection<X509Certificate> cas, Clock clock) {
		this.pkix = Objects.requireNonNull(pkix, "pkix must not be null");
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		this.anchors = cas.stream().filter(FleetTrustManager::unrestricted).map(Anchor::of).toList();
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		if (!signedByFleetCa(chain)) {
			this.pkix.checkClientTrusted(chain, authType);
		}
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, @Nullable Socket socket)
			throws CertificateException {
		if (!signedByFleetCa(chain)) {
			this.pkix.checkClientTrusted(chain, authType, socket);
		}
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, @Nullable SSLEngine engine)
			throws CertificateException {
		if (!signedByFleetCa(chain)) {
			this.pkix.checkClientTrusted(chain, authType, engine);
		}
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		this.pkix.checkServerTrusted(chain, authType);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, @Nullable Socket socket)
			throws CertificateException {
		this.pkix.checkServerTrusted(chain, authType, socket);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, @Nullable SSLEngine engine)
			throws CertificateException {
		this.pkix.checkServerTrusted(chain, authType, engine);
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return this.pkix.getAcceptedIssuers();
	}

	/**
	 * Whether the chain is a client certificate a trusted CA signed itself and that
	 * passes every check; {@code false} means "ask the JDK", not "refuse".
	 */
	boolean signedByFleetCa(X509Certificate @Nullable [] chain) {
		if (chain == null || chain.length == 0) {
			return false;
		}
		X509Certificate leaf = chain[0];
		Anchor anchor = issuerOf(leaf);
		if (anchor == null) {
			return false;
		}
		// A client may send its CA after the leaf; anything else in the chain is a
		// path for the JDK to judge.
		for (int i = 1; i < chain.length; i++) {
			if (!anchor.certificate().equals(chain[i])) {
				return false;
			}
		}
		return fitsTlsClient(leaf) && withinValidity(leaf) && anchor.signed(leaf);
	}

	private @Nullable Anchor issuerOf(X509Certificate leaf) {
		for (Anchor anchor : this.anchors) {
			if (anchor.certificate().getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
				return anchor;
			}
		}
		return null;
	}

	private static boolean fitsTlsClient(X509Certificate leaf) {
		if (leaf.getVersion() != 3 || leaf.getBasicConstraints() != -1) {
			return false;
		}
		Set<String> critical = leaf.getCriticalExtensionOIDs();
		if (critical != null && !UNDERSTOOD_CRITICAL.containsAll(critical)) {
			return false;
		}
		if (leaf.getExtensionValue(NETSCAPE_TYPE) != null || !strongKey(leaf.getPublicKey())) {
			return false;
		}
		boolean[] usage = leaf.getKeyUsage();
		if (usage != null && (usage.length == 0 || !usage[0])) {
			// TLS 1.3 clients sign, so digitalSignature is the bit that counts.
			return false;
		}
		try {
			List<String> purposes = leaf.getExtendedKeyUsage();
			return purposes == null || purposes.contains(CLIENT_AUTH) || purposes.contains(ANY_PURPOSE);
		}
		catch (CertificateParsingException ex) {
			return false;
		}
	}

	private boolean withinValidity(X509Certificate leaf) {
		try {
			leaf.checkValidity(Date.from(this.clock.instant()));
			return true;
		}
		catch (CertificateException ex) {
			return false;
		}
	}

	private static boolean strongKey(PublicKey key) {
		if (key instanceof ECPublicKey ec) {
			return ec.getParams().getCurve().getField().getFieldSize() >= 256;
		}
		if (key instanceof RSAPublicKey rsa) {
			return rsa.getModulus().bitLength() >= 2048;
		}
		return false;
	}

	private static boolean unrestricted(X509Certificate ca) {
		return strongKey(ca.getPublicKey())
				&& CA_RESTRICTIONS.stream().allMatch((oid) -> ca.getExtensionValue(oid) == null);
	}

	/**
	 * A trusted CA and its key in the form its signatures are verified with.
	 *
	 * @param certificate the CA certificate
	 * @param key its public key; for EC a Bouncy Castle key, whose point keeps its
	 * precomputed multiples across verifications
	 * @param provider who verifies with that key
	 */
	private record Anchor(X509Certificate certificate, PublicKey key, @Nullable Provider provider) {

		static Anchor of(X509Certificate certificate) {
			PublicKey key = certificate.getPublicKey();
			if (!(key instanceof ECPublicKey)) {
				// RSA verification is cheap in the JDK already.
				return new Anchor(certificate, key, null);
			}
			try {
				PublicKey converted = KeyFactory.getInstance("EC", BOUNCY_CASTLE)
					.generatePublic(new X509EncodedKeySpec(key.getEncoded()));
				return new Anchor(certificate, converted, BOUNCY_CASTLE);
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalArgumentException(
						"cannot read the key of CA " + certificate.getSubjectX500Principal().getName(), ex);
			}
		}

		boolean signed(X509Certificate leaf) {
			String algorithm = SIGNATURES.get(leaf.getSigAlgOID());
			if (algorithm == null) {
				return false;
			}
			try {
				Signature signature = (this.provider != null) ? Signature.getInstance(algorithm, this.provider)
						: Signature.getInstance(algorithm);
				signature.initVerify(this.key);
				signature.update(leaf.getTBSCertificate());
				return signature.verify(leaf.getSignature());
			}
			catch (GeneralSecurityException | RuntimeException ex) {
				// A malformed signature is the JDK's to report.
				return false;
			}
		}

	}

}
