package io.octoplane.tentacle.identity;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import io.octoplane.certs.CertificateRole;
import io.octoplane.certs.KeyType;
import io.octoplane.certs.SigningRequests;
import io.octoplane.protocol.agent.CertificateRenewed;
import io.octoplane.protocol.agent.RenewCertificate;
import io.octoplane.protocol.tls.PemReader;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.tentacle.connection.AgentConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews the node certificate over the control connection before it expires. Once a
 * connection is up and the certificate expires within the renewal margin, it sends one
 * {@link RenewCertificate} for a new key, which stays in memory until the brain answers
 * on that same connection. A good answer replaces the files as a pair and hands a new TLS
 * context to the next dial; the open connection is kept. A refusal, or a connection lost
 * before the answer, is retried on the next connection: at most one request per
 * connection, and never two in flight.
 *
 * <p>
 * Thread-safe: called from the connection loop, the heartbeat thread and the reader.
 */
public final class CertificateRenewal {

	private static final Logger logger = LoggerFactory.getLogger(CertificateRenewal.class);

	private final IdentityFiles files;

	private final Path ca;

	private final @Nullable Duration renewBefore;

	private final Clock clock;

	private final Consumer<SSLContext> renewed;

	private final Object lock = new Object();

	private X509Certificate current;

	private @Nullable AgentConnection connection;

	private boolean asked;

	private @Nullable KeyPair pending;

	/**
	 * Starts from the certificate on disk.
	 * @param files the certificate and key files
	 * @param ca the CA certificate PEM file, the trust anchor of the new context
	 * @param renewBefore renew once the certificate expires within this time, or
	 * {@code null} for a third of its lifetime
	 * @param clock the node clock
	 * @param renewed receives the TLS context for the new pair, once it is saved
	 * @throws IOException if the certificate cannot be read
	 */
	public CertificateRenewal(IdentityFiles files, Path ca, @Nullable Duration renewBefore, Clock clock,
			Consumer<SSLContext> renewed) throws IOException {
		this.files = files;
		this.ca = ca;
		this.renewBefore = renewBefore;
		this.clock = clock;
		this.renewed = renewed;
		// Read with the JDK alone, so BouncyCastle stays unloaded at idle.
		this.current = PemReader.readCertificates(files.certificate()).get(0);
	}

	/** The certificate on disk, the one the next dial presents. */
	public X509Certificate certificate() {
		synchronized (this.lock) {
			return this.current;
		}
	}

	/**
	 * A connection was welcomed: asks for a new certificate on it if one is due.
	 * @param connection the new connection
	 */
	public void connected(AgentConnection connection) {
		synchronized (this.lock) {
			this.connection = connection;
			this.asked = false;
			this.pending = null;
		}
		check();
	}

	/**
	 * Asks for a new certificate if one is due and this connection has not asked yet.
	 * Cheap when nothing is due, so it can run with every heartbeat, which lets a
	 * connection that stays up for months still renew in time.
	 */
	public void check() {
		AgentConnection target;
		String csr;
		Instant expiry;
		synchronized (this.lock) {
			if (this.connection == null || this.asked || !due()) {
				return;
			}
			this.asked = true;
			KeyPair keyPair = KeyType.EC_P256.generateKeyPair();
			this.pending = keyPair;
			target = this.connection;
			csr = SigningRequests.create(keyPair, CertificateRole.commonName(this.current));
			expiry = this.current.getNotAfter().toInstant();
		}
		logger.info("certificate {} expires at {}; asking the brain for a new one", this.files.certificate(), expiry);
		try {
			target.send(new RenewCertificate(csr));
		}
		catch (IOException ex) {
			// The connection is failing; its reader reports that, and the next
			// connection asks again.
			logger.debug("cannot send the renewal request: {}", ex.getMessage());
		}
	}

	/**
	 * The connection ended; an answer can no longer arrive for its request.
	 * @param connection the connection that ended
	 */
	public void disconnected(AgentConnection connection) {
		synchronized (this.lock) {
			if (this.connection == connection) {
				this.connection = null;
				this.pending = null;
			}
		}
	}

	/**
	 * The brain answered. Returns at once: saving the files happens on a virtual thread
	 * so the reader never waits for the disk.
	 * @param answer the answer
	 */
	public void answered(CertificateRenewed answer) {
		KeyPair keyPair;
		synchronized (this.lock) {
			keyPair = this.pending;
			this.pending = null;
		}
		if (keyPair == null) {
			logger.warn("ignoring a certificate the tentacle did not ask for");
			return;
		}
		String pem = answer.certificatePem();
		if (pem == null) {
			logger.warn("the brain refused to renew certificate {}: {}; asking again on the next connection",
					this.files.certificate(), answer.error());
			return;
		}
		Thread.ofVirtual().name("tentacle-renewal").start(() -> save(pem, keyPair));
	}

	/** Checks and saves a new certificate; visible for tests that wait for it. */
	void save(String pem, KeyPair keyPair) {
		X509Certificate certificate;
		String name = CertificateRole.commonName(certificate());
		try {
			certificate = IssuedCertificates.check(pem, keyPair, name, this.ca);
			this.files.replace(keyPair.getPrivate(), certificate);
		}
		catch (IOException | CertificateException | RuntimeException ex) {
			logger.warn("cannot use the renewed certificate: {}; keeping {} and asking again on the next connection",
					ex.getMessage(), this.files.certificate());
			return;
		}
		SSLContext context;
		try {
			context = PemTls.clientContext(this.files.certificate(), this.files.key(), this.ca);
		}
		catch (IOException | GeneralSecurityException ex) {
			logger.error("saved the renewed certificate {} but cannot load it: {}", this.files.certificate(),
					ex.getMessage());
			return;
		}
		synchronized (this.lock) {
			this.current = certificate;
		}
		this.renewed.accept(context);
		logger.info("renewed certificate {} (serial {}, valid until {}); the next connection uses it",
				this.files.certificate(), certificate.getSerialNumber().toString(16),
				certificate.getNotAfter().toInstant());
	}

	// Under the lock.
	private boolean due() {
		Instant notBefore = this.current.getNotBefore().toInstant();
		Instant notAfter = this.current.getNotAfter().toInstant();
		Duration margin = (this.renewBefore != null) ? this.renewBefore
				: Duration.between(notBefore, notAfter).dividedBy(3);
		return !this.clock.instant().isBefore(notAfter.minus(margin));
	}

}
