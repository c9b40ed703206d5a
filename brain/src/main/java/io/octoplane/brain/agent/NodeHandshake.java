package io.octoplane.brain.agent;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import io.octoplane.brain.metrics.RefusalReason;
import io.octoplane.certs.CertificateRole;

/**
 * The TLS handshake of an agent-port connection and the check of who is on the other end:
 * the {@link io.octoplane.certs.FleetTrustManager} (or, for anything but a certificate
 * the fleet CA signed itself, the JDK) has verified the chain against the fleet CA; here
 * the certificate must also be of the node role and not revoked. The node's name is the
 * certificate's CN, never what its frames say.
 *
 * <p>
 * A tentacle that reconnects to the same brain resumes its TLS session (TLS 1.3 session
 * tickets: the JDK server issues them, the tentacle keeps one SSLContext for all its
 * dials), which skips the certificate exchange, the signatures and the path validation.
 * The session carries the certificate it was made with, so the role and revocation checks
 * run as on a full handshake, and the validity period is checked here because the JDK
 * does not look at it again on resumption.
 */
final class NodeHandshake {

	private final RevokedCertificates revocations;

	private final AgentMetrics metrics;

	private final Clock clock;

	NodeHandshake(RevokedCertificates revocations, AgentMetrics metrics, Clock clock) {
		this.revocations = revocations;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Runs the TLS handshake and checks the client certificate.
	 * @param socket the accepted connection, its read timeout set
	 * @return the node
	 * @throws RefusedException if the certificate may not connect here
	 * @throws IOException if the handshake fails
	 */
	NodeIdentity perform(SSLSocket socket) throws IOException {
		// The JDK stamps sessions with the system clock, not the injected one.
		long started = System.currentTimeMillis();
		socket.startHandshake();
		SSLSession session = socket.getSession();
		// A resumed session keeps the creation time of the one it resumes.
		this.metrics.handshake(session.getCreationTime() < started);
		X509Certificate leaf = (X509Certificate) session.getPeerCertificates()[0];
		try {
			leaf.checkValidity(Date.from(this.clock.instant()));
		}
		catch (CertificateException ex) {
			SSLHandshakeException failure = new SSLHandshakeException("client certificate is out of its validity");
			failure.initCause(ex);
			throw failure;
		}
		Optional<CertificateRole> role = CertificateRole.of(leaf);
		if (role.isEmpty() || role.get() != CertificateRole.NODE) {
			throw new RefusedException(RefusalReason.CERTIFICATE_ROLE,
					"certificate " + leaf.getSubjectX500Principal().getName() + " has role "
							+ role.map(CertificateRole::ou).orElse("none")
							+ ", only node certificates may connect here");
		}
		RevokedCertificates.Check revocation = this.revocations.check(leaf.getSerialNumber());
		if (revocation.revoked()) {
			throw new RefusedException(RefusalReason.REVOKED_CERTIFICATE,
					"certificate " + leaf.getSerialNumber().toString(16) + " of "
							+ leaf.getSubjectX500Principal().getName() + " was revoked");
		}
		return new NodeIdentity(CertificateRole.commonName(leaf), leaf.getSerialNumber().toString(16), List.of(),
				revocation.mark());
	}

}
