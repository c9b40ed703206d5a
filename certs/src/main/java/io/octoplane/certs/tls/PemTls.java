package io.octoplane.certs.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import io.octoplane.certs.PemFiles;
import io.octoplane.certs.PlainPem;
import org.jspecify.annotations.Nullable;

/**
 * Builds JSSE {@link SSLContext}s from PEM files: a certificate (optionally followed by
 * its chain), its private key, and the CA certificates to trust. Trust is limited to the
 * given CAs; the JDK's default public CAs are never added, since an Octoplane peer is
 * only ever vouched for by the Octoplane CA.
 *
 * <p>
 * A context decides what is presented and trusted, not how sockets behave. Callers still
 * set, on each socket or engine: {@code setNeedClientAuth(true)} on servers that require
 * client certificates, and the {@code HTTPS} endpoint identification algorithm on clients
 * that should check the server's host name against its subject alternative names. Roles
 * are not checked here either; use {@link io.octoplane.certs.CertificateRole#of} on the
 * peer certificate after the handshake.
 */
public final class PemTls {

	private static final String PROTOCOL = "TLS";

	// Only protects an in-memory key store that never leaves this class.
	private static final char[] IN_MEMORY_PASSWORD = "octoplane".toCharArray();

	private PemTls() {
	}

	/**
	 * A context for a client that presents a certificate (mutual TLS) and trusts servers
	 * signed by the given CAs.
	 * @param certPem the client certificate, leaf first
	 * @param keyPem its private key
	 * @param caPem the CA certificates that may sign the server's certificate
	 * @return the context
	 * @throws IOException if a file cannot be read or the key does not belong to the
	 * certificate
	 * @throws GeneralSecurityException if the JSSE objects cannot be built
	 */
	public static SSLContext clientContext(Path certPem, Path keyPem, Path caPem)
			throws IOException, GeneralSecurityException {
		return context(keyManagers(certPem, keyPem), trustManagers(caPem));
	}

	/**
	 * A context for a server that presents a certificate and accepts client certificates
	 * signed by the given CAs. Remember {@code setNeedClientAuth(true)} on the server
	 * socket or engine; without it, clients are not asked for a certificate at all.
	 * @param certPem the server certificate, leaf first
	 * @param keyPem its private key
	 * @param caPem the CA certificates that may sign client certificates
	 * @return the context
	 * @throws IOException if a file cannot be read or the key does not belong to the
	 * certificate
	 * @throws GeneralSecurityException if the JSSE objects cannot be built
	 */
	public static SSLContext serverContext(Path certPem, Path keyPem, Path caPem)
			throws IOException, GeneralSecurityException {
		return context(keyManagers(certPem, keyPem), trustManagers(caPem));
	}

	/**
	 * A context for a client that presents no certificate and trusts servers signed by
	 * the given CAs, such as octl logging in with a password.
	 * @param caPem the CA certificates that may sign the server's certificate
	 * @return the context
	 * @throws IOException if the file cannot be read
	 * @throws GeneralSecurityException if the JSSE objects cannot be built
	 */
	public static SSLContext trustOnly(Path caPem) throws IOException, GeneralSecurityException {
		return context(null, trustManagers(caPem));
	}

	private static SSLContext context(KeyManager @Nullable [] keyManagers, TrustManager[] trustManagers)
			throws GeneralSecurityException {
		SSLContext context = SSLContext.getInstance(PROTOCOL);
		context.init(keyManagers, trustManagers, null);
		return context;
	}

	private static KeyManager[] keyManagers(Path certPem, Path keyPem) throws IOException, GeneralSecurityException {
		List<X509Certificate> chain = certificates(certPem);
		Optional<PrivateKey> plain = PlainPem.readPrivateKeyFor(keyPem, chain.get(0));
		PrivateKey key = plain.isPresent() ? plain.get() : PemFiles.readPrivateKeyFor(keyPem, chain.get(0));
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry("key", key, IN_MEMORY_PASSWORD, chain.toArray(X509Certificate[]::new));
		KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		factory.init(store, IN_MEMORY_PASSWORD);
		return factory.getKeyManagers();
	}

	private static TrustManager[] trustManagers(Path caPem) throws IOException, GeneralSecurityException {
		List<X509Certificate> authorities = certificates(caPem);
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		for (int i = 0; i < authorities.size(); i++) {
			store.setCertificateEntry("ca-" + i, authorities.get(i));
		}
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(store);
		return factory.getTrustManagers();
	}

	// The JDK reads what Octoplane writes; BouncyCastle only what it cannot.
	private static List<X509Certificate> certificates(Path file) throws IOException {
		Optional<List<X509Certificate>> plain = PlainPem.readCertificates(file);
		return plain.isPresent() ? plain.get() : PemFiles.readCertificates(file);
	}

}
