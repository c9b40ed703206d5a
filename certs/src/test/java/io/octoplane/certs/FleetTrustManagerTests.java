package io.octoplane.certs;

import java.math.BigInteger;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FleetTrustManagerTests {

	private static final Duration VALIDITY = Duration.ofDays(7);

	private final Clock clock = Clock.systemUTC();

	private final CertificateAuthority ca = CertificateAuthority.create("Octoplane CA", Duration.ofDays(30),
			this.clock);

	private final X509ExtendedTrustManager jdk = jdkTrustManager(this.ca.certificate());

	private final CountingTrustManager pkix = new CountingTrustManager(this.jdk);

	private final FleetTrustManager trust = new FleetTrustManager(this.pkix, List.of(this.ca.certificate()),
			this.clock);

	@TempDir
	Path dir;

	@Test
	void nodeCertificateOfTheFleetCaIsAcceptedWithoutTheJdkPath() throws Exception {
		this.trust.checkClientTrusted(chain(node("web-01")), "UNKNOWN", (Socket) null);
		assertThat(this.pkix.calls).hasValue(0);
	}

	@Test
	void leafFollowedByItsCaIsAcceptedWithoutTheJdkPath() throws Exception {
		this.trust.checkClientTrusted(new X509Certificate[] { node("web-02"), this.ca.certificate() }, "UNKNOWN",
				(SSLEngine) null);
		assertThat(this.pkix.calls).hasValue(0);
	}

	@Test
	void certificateOfAnotherCaIsRefused() {
		CertificateAuthority foreign = CertificateAuthority.create("Foreign CA", Duration.ofDays(30), this.clock);
		assertRefusedByTheJdk(leaf(foreign, CertificateRole.NODE, "intruder"));
	}

	@Test
	void certificateOfAnotherCaWithTheSameNameIsRefused() {
		CertificateAuthority impostor = CertificateAuthority.create("Octoplane CA", Duration.ofDays(30), this.clock);
		assertRefusedByTheJdk(leaf(impostor, CertificateRole.NODE, "intruder"));
	}

	@Test
	void expiredCertificateIsRefusedAsExpired() {
		Instant now = this.clock.instant();
		X509Certificate expired = this.ca
			.issue(IssueRequest.of(CertificateRole.NODE, "old", VALIDITY, this.clock)
				.withValidity(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1))))
			.certificate();
		assertThat(causes(assertRefusedByTheJdk(expired))).anyMatch(CertificateExpiredException.class::isInstance);
	}

	@Test
	void notYetValidCertificateIsRefusedAsNotYetValid() {
		Instant now = this.clock.instant();
		X509Certificate early = this.ca
			.issue(IssueRequest.of(CertificateRole.NODE, "early", VALIDITY, this.clock)
				.withValidity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2))))
			.certificate();
		assertThat(causes(assertRefusedByTheJdk(early))).anyMatch(CertificateNotYetValidException.class::isInstance);
	}

	@Test
	void certificateOutsideTheValidityOfTheInjectedClockIsLeftToTheJdk() {
		X509Certificate valid = node("later");
		FleetTrustManager later = new FleetTrustManager(this.pkix, List.of(this.ca.certificate()),
				Clock.offset(this.clock, VALIDITY.plusDays(1)));
		assertThat(later.signedByFleetCa(chain(valid))).isFalse();
	}

	@Test
	void serverOnlyCertificateIsRefusedForClients() {
		X509Certificate server = this.ca.sign(KeyType.EC_P256.generateKeyPair().getPublic(),
				CertificateAuthority.subject(CertificateRole.BRAIN, "brain"), List.of(KeyPurposeId.id_kp_serverAuth),
				List.of(), this.clock.instant(), this.clock.instant().plus(VALIDITY));
		assertRefusedByTheJdk(server);
	}

	@Test
	void certificateSignedByANodeKeyIsRefused() throws Exception {
		this.ca.writeTo(this.dir.resolve("ca.pem"), this.dir.resolve("ca-key.pem"), false);
		IssuedCertificate node = this.ca.issue(IssueRequest.of(CertificateRole.NODE, "leaked", VALIDITY, this.clock));
		X509Certificate minted = sign(node.certificate(), node.privateKey(),
				CertificateAuthority.subject(CertificateRole.NODE, "minted"), KeyType.EC_P256.generateKeyPair(), false);
		X509Certificate[] chain = { minted, node.certificate(), this.ca.certificate() };
		assertThat(this.trust.signedByFleetCa(chain)).isFalse();
		assertThatExceptionOfType(CertificateException.class)
			.isThrownBy(() -> this.trust.checkClientTrusted(chain, "UNKNOWN", (Socket) null));
		assertThat(this.pkix.calls).hasValue(1);
	}

	@Test
	void chainThroughASubordinateCaIsLeftToTheJdk() throws Exception {
		this.ca.writeTo(this.dir.resolve("ca.pem"), this.dir.resolve("ca-key.pem"), false);
		PrivateKey caKey = PemFiles.readPrivateKeyFor(this.dir.resolve("ca-key.pem"), this.ca.certificate());
		KeyPair subordinateKeys = KeyType.EC_P256.generateKeyPair();
		X509Certificate subordinate = sign(this.ca.certificate(), caKey, new X500Name("CN=Octoplane Sub CA"),
				subordinateKeys, true);
		X509Certificate leaf = sign(subordinate, subordinateKeys.getPrivate(),
				CertificateAuthority.subject(CertificateRole.NODE, "deep"), KeyType.EC_P256.generateKeyPair(), false);
		assertThat(this.trust.signedByFleetCa(new X509Certificate[] { leaf, subordinate })).isFalse();
	}

	@Test
	void strangerAfterTheLeafIsLeftToTheJdk() {
		CertificateAuthority other = CertificateAuthority.create("Other CA", Duration.ofDays(30), this.clock);
		assertThat(this.trust.signedByFleetCa(new X509Certificate[] { node("web-03"), other.certificate() })).isFalse();
	}

	@Test
	void emptyChainIsLeftToTheJdk() {
		assertThat(this.trust.signedByFleetCa(new X509Certificate[0])).isFalse();
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.trust.checkClientTrusted(new X509Certificate[0], "UNKNOWN", (Socket) null));
	}

	@Test
	void serverCertificatesAreTheJdksAlone() throws Exception {
		X509Certificate brain = this.ca
			.issue(IssueRequest.of(CertificateRole.BRAIN, "brain", VALIDITY, this.clock)
				.withSubjectAlternativeNames("localhost"))
			.certificate();
		this.trust.checkServerTrusted(chain(brain), "UNKNOWN", (Socket) null);
		assertThat(this.pkix.calls).hasValue(1);
		assertThat(this.trust.getAcceptedIssuers()).containsExactly(this.ca.certificate());
	}

	private CertificateException assertRefusedByTheJdk(X509Certificate leaf) {
		assertThat(this.trust.signedByFleetCa(chain(leaf))).isFalse();
		CertificateException refused = null;
		try {
			this.trust.checkClientTrusted(chain(leaf), "UNKNOWN", (Socket) null);
		}
		catch (CertificateException ex) {
			refused = ex;
		}
		assertThat(refused).as("refused").isNotNull();
		assertThat(this.pkix.calls).hasValue(1);
		return refused;
	}

	private X509Certificate node(String name) {
		return leaf(this.ca, CertificateRole.NODE, name);
	}

	private X509Certificate leaf(CertificateAuthority issuer, CertificateRole role, String name) {
		return issuer.issue(IssueRequest.of(role, name, VALIDITY, this.clock)).certificate();
	}

	private static X509Certificate[] chain(X509Certificate leaf) {
		return new X509Certificate[] { leaf };
	}

	private static List<Throwable> causes(Throwable failure) {
		List<Throwable> causes = new java.util.ArrayList<>();
		for (@Nullable
		Throwable cause = failure; cause != null; cause = cause.getCause()) {
			causes.add(cause);
		}
		return causes;
	}

	private X509Certificate sign(X509Certificate issuer, PrivateKey issuerKey, X500Name subject, KeyPair keys,
			boolean ca) throws Exception {
		Instant now = this.clock.instant();
		JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
				BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(60)), Date.from(now.plus(VALIDITY)),
				subject, keys.getPublic());
		if (ca) {
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
		}
		else {
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
				.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
		}
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
	}

	private static X509ExtendedTrustManager jdkTrustManager(X509Certificate ca) {
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setCertificateEntry("ca", ca);
			TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
			factory.init(store);
			return Arrays.stream(factory.getTrustManagers())
				.filter(X509ExtendedTrustManager.class::isInstance)
				.map(X509ExtendedTrustManager.class::cast)
				.findFirst()
				.orElseThrow();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The JDK's trust manager, counting how often it is asked. */
	private static final class CountingTrustManager extends X509ExtendedTrustManager {

		private final X509ExtendedTrustManager delegate;

		private final AtomicInteger calls = new AtomicInteger();

		CountingTrustManager(X509ExtendedTrustManager delegate) {
			this.delegate = delegate;
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			this.calls.incrementAndGet();
			this.delegate.checkClientTrusted(chain, authType, socket);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			this.calls.incrementAndGet();
			this.delegate.checkServerTrusted(chain, authType, socket);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			this.calls.incrementAndGet();
			this.delegate.checkClientTrusted(chain, authType, engine);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			this.calls.incrementAndGet();
			this.delegate.checkServerTrusted(chain, authType, engine);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			this.calls.incrementAndGet();
			this.delegate.checkClientTrusted(chain, authType);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			this.calls.incrementAndGet();
			this.delegate.checkServerTrusted(chain, authType);
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return this.delegate.getAcceptedIssuers();
		}

	}

}
