package io.octoplane.bench.sim;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import io.octoplane.certs.CertificateAuthority;
import io.octoplane.certs.CertificateRole;
import io.octoplane.certs.IssueRequest;
import io.octoplane.certs.IssuedCertificate;
import org.jspecify.annotations.Nullable;

/**
 * A throw-away certificate authority for one benchmark, and TLS contexts built from what
 * it issues without touching the disk. Ten thousand node identities must be minted in
 * seconds: a PKCS#12 key store would encrypt every key with thousands of PBKDF rounds, so
 * each context gets a key manager that simply hands out its one key.
 *
 * <p>
 * Instances are thread-safe.
 */
public final class FleetTls {

	private static final Duration VALIDITY = Duration.ofDays(2);

	private final CertificateAuthority ca;

	private final X509ExtendedTrustManager trust;

	private FleetTls(CertificateAuthority ca) {
		this.ca = ca;
		this.trust = trustManager(ca.certificate());
	}

	/**
	 * Creates a fresh CA with an EC P-256 key, valid for three days (its leaves for two).
	 * @return the fleet PKI
	 */
	public static FleetTls create() {
		return new FleetTls(CertificateAuthority.create("Octoplane bench CA", Duration.ofDays(3), Clock.systemUTC()));
	}

	/** The CA, for writing the brain's trust anchor. */
	public CertificateAuthority ca() {
		return this.ca;
	}

	/**
	 * Issues a certificate with a fresh key.
	 * @param role the role
	 * @param name the CN
	 * @param alternativeNames SANs, for server roles
	 * @return the certificate and its key
	 */
	public IssuedCertificate issue(CertificateRole role, String name, String... alternativeNames) {
		IssueRequest request = IssueRequest.of(role, name, VALIDITY, Clock.systemUTC());
		if (alternativeNames.length > 0) {
			request = request.withSubjectAlternativeNames(alternativeNames);
		}
		return this.ca.issue(request);
	}

	/**
	 * A client context presenting a new certificate of the given role and trusting only
	 * this CA.
	 * @param role {@link CertificateRole#NODE} for a tentacle,
	 * {@link CertificateRole#OPERATOR} for the REST client
	 * @param name the CN
	 * @return the context
	 */
	public SSLContext clientContext(CertificateRole role, String name) {
		IssuedCertificate issued = issue(role, name);
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(new KeyManager[] { new SingleKeyManager(issued) }, new TrustManager[] { this.trust }, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot build a TLS context for " + name, ex);
		}
	}

	/**
	 * A server context presenting a new certificate of the given role, with client
	 * certificates checked by the given trust manager.
	 * @param role {@link CertificateRole#BRAIN} for an agent port
	 * @param name the CN, also the subject alternative name
	 * @param trust checks client certificates; see {@link #jdkTrust()}
	 * @return the context
	 */
	public SSLContext serverContext(CertificateRole role, String name, X509TrustManager trust) {
		IssuedCertificate issued = issue(role, name, name);
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(new KeyManager[] { new SingleKeyManager(issued) }, new TrustManager[] { trust }, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot build a TLS context for " + name, ex);
		}
	}

	/** The JDK's own PKIX trust manager, trusting only this CA. */
	public X509ExtendedTrustManager jdkTrust() {
		return this.trust;
	}

	private static X509ExtendedTrustManager trustManager(X509Certificate ca) {
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setCertificateEntry("ca", ca);
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(store);
			return Arrays.stream(factory.getTrustManagers())
				.filter(X509ExtendedTrustManager.class::isInstance)
				.map(X509ExtendedTrustManager.class::cast)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no X.509 trust manager"));
		}
		catch (GeneralSecurityException | java.io.IOException ex) {
			throw new IllegalStateException("cannot build a trust manager for the bench CA", ex);
		}
	}

	/** Presents one certificate, for whatever the peer asks. */
	private static final class SingleKeyManager extends X509ExtendedKeyManager {

		private static final String ALIAS = "identity";

		private final X509Certificate[] chain;

		private final PrivateKey key;

		SingleKeyManager(IssuedCertificate issued) {
			this.chain = new X509Certificate[] { issued.certificate() };
			this.key = issued.privateKey();
		}

		private @Nullable String aliasFor(String @Nullable [] keyTypes) {
			// The JDK asks once per key type it could use; answering for a type the key
			// is not would make it try to sign with the wrong algorithm.
			if (keyTypes == null) {
				return null;
			}
			return Arrays.asList(keyTypes).contains(this.key.getAlgorithm()) ? ALIAS : null;
		}

		@Override
		public String[] getClientAliases(String keyType, Principal @Nullable [] issuers) {
			return keyType.equals(this.key.getAlgorithm()) ? new String[] { ALIAS } : new String[0];
		}

		@Override
		public @Nullable String chooseClientAlias(String[] keyType, Principal @Nullable [] issuers,
				@Nullable Socket socket) {
			return aliasFor(keyType);
		}

		@Override
		public @Nullable String chooseEngineClientAlias(String[] keyType, Principal @Nullable [] issuers,
				@Nullable SSLEngine engine) {
			return aliasFor(keyType);
		}

		@Override
		public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
			return getClientAliases(keyType, issuers);
		}

		@Override
		public @Nullable String chooseServerAlias(String keyType, Principal @Nullable [] issuers,
				@Nullable Socket socket) {
			return keyType.equals(this.key.getAlgorithm()) ? ALIAS : null;
		}

		@Override
		public @Nullable String chooseEngineServerAlias(String keyType, Principal @Nullable [] issuers,
				@Nullable SSLEngine engine) {
			return keyType.equals(this.key.getAlgorithm()) ? ALIAS : null;
		}

		@Override
		public X509Certificate @Nullable [] getCertificateChain(String alias) {
			return ALIAS.equals(alias) ? this.chain.clone() : null;
		}

		@Override
		public @Nullable PrivateKey getPrivateKey(String alias) {
			return ALIAS.equals(alias) ? this.key : null;
		}

	}

}
