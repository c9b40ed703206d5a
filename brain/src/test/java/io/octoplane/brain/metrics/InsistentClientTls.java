package io.octoplane.brain.metrics;

import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

import io.octoplane.certs.PemFiles;

/**
 * A TLS client that presents its certificate whatever the server asks for. The JDK's own
 * key managers withhold a certificate whose issuer the server did not list, so a client
 * with a foreign or expired certificate would otherwise look like one with none; an
 * attacker's client is not that polite.
 */
final class InsistentClientTls {

	private InsistentClientTls() {
	}

	static SSLContext context(Path certificate, Path privateKey, Path ca) throws Exception {
		List<X509Certificate> chain = PemFiles.readCertificates(certificate);
		PrivateKey key = PemFiles.readPrivateKey(privateKey);
		KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
		trust.load(null, null);
		trust.setCertificateEntry("ca", PemFiles.readCertificate(ca));
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trust);
		SSLContext context = SSLContext.getInstance("TLSv1.3");
		context.init(new X509ExtendedKeyManager[] { new Always(chain, key) }, trustManagers.getTrustManagers(),
				new SecureRandom());
		return context;
	}

	private static final class Always extends X509ExtendedKeyManager {

		private final X509Certificate[] chain;

		private final PrivateKey key;

		Always(List<X509Certificate> chain, PrivateKey key) {
			this.chain = chain.toArray(X509Certificate[]::new);
			this.key = key;
		}

		@Override
		public String[] getClientAliases(String keyType, Principal[] issuers) {
			return new String[] { "me" };
		}

		@Override
		public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
			return "me";
		}

		@Override
		public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
			return "me";
		}

		@Override
		public String[] getServerAliases(String keyType, Principal[] issuers) {
			return new String[0];
		}

		@Override
		public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
			return null;
		}

		@Override
		public X509Certificate[] getCertificateChain(String alias) {
			return this.chain.clone();
		}

		@Override
		public PrivateKey getPrivateKey(String alias) {
			return this.key;
		}

	}

}
