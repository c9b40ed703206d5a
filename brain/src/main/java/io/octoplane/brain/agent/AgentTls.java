package io.octoplane.brain.agent;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.octoplane.certs.FleetTrustManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ssl.SslBundle;

/**
 * The TLS context of the agent port: the brain's key from the SSL bundle, and node
 * certificates checked by a {@link FleetTrustManager} over the bundle's CAs, so that a
 * node certificate the fleet CA signed costs one fast signature check instead of the
 * JDK's path validation, which a reconnect storm pays ten thousand times at once.
 */
final class AgentTls {

	private static final Logger logger = LoggerFactory.getLogger(AgentTls.class);

	private AgentTls() {
	}

	/**
	 * Layers the agent port's TLS over an accepted connection, the server side of it: TLS
	 * 1.3 only and a client certificate required. Timeouts, options and closing reach the
	 * connection under it.
	 * @param context the agent port's context
	 * @param accepted the accepted connection
	 * @return the TLS socket, its handshake not yet run; or {@code null} if the
	 * connection broke at once, in which case it is closed
	 */
	static @Nullable SSLSocket layer(SSLContext context, Socket accepted) {
		try {
			SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(accepted, null, true);
			socket.setUseClientMode(false);
			socket.setEnabledProtocols(new String[] { "TLSv1.3" });
			socket.setNeedClientAuth(true);
			return socket;
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Connection from {} broke before its handshake: {}", accepted.getRemoteSocketAddress(),
					ex.toString());
			try {
				accepted.close();
			}
			catch (IOException closing) {
				// Broken already; nothing more to release.
			}
			return null;
		}
	}

	/**
	 * Builds the context.
	 * @param bundle the agent port's SSL bundle
	 * @param clock the time validity periods are checked at
	 * @return the context
	 * @throws IllegalStateException if the bundle's managers cannot make a context
	 */
	static SSLContext context(SslBundle bundle, Clock clock) {
		TrustManager[] trustManagers = bundle.getManagers().getTrustManagers();
		@Nullable KeyStore trustStore = bundle.getStores().getTrustStore();
		try {
			SSLContext context = SSLContext.getInstance(bundle.getProtocol());
			context.init(bundle.getManagers().getKeyManagers(), fleetTrust(trustManagers, trustStore, clock), null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot build the TLS context of the agent port", ex);
		}
	}

	private static TrustManager[] fleetTrust(TrustManager[] managers, @Nullable KeyStore trustStore, Clock clock)
			throws GeneralSecurityException {
		@Nullable X509ExtendedTrustManager pkix = Arrays.stream(managers)
			.filter(X509ExtendedTrustManager.class::isInstance)
			.map(X509ExtendedTrustManager.class::cast)
			.findFirst()
			.orElse(null);
		if (pkix == null || trustStore == null) {
			// Nothing to check node certificates against that this class could speed up.
			return managers;
		}
		List<X509Certificate> cas = new ArrayList<>();
		for (String alias : Collections.list(trustStore.aliases())) {
			Certificate certificate = trustStore.isCertificateEntry(alias) ? trustStore.getCertificate(alias) : null;
			if (certificate instanceof X509Certificate ca) {
				cas.add(ca);
			}
		}
		return new TrustManager[] { new FleetTrustManager(pkix, cas, clock) };
	}

}
