package io.octoplane.certs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import io.octoplane.protocol.tls.PemTls;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class PemTlsTests {

	private static final int TIMEOUT_MILLIS = 10_000;

	@TempDir
	static Path dir;

	private static final Clock clock = Clock.systemUTC();

	private static CertificateAuthority ca;

	private static CertificateAuthority foreignCa;

	private static PemPair brain;

	private static int minted;

	@BeforeAll
	static void mint() throws IOException {
		ca = CertificateAuthority.create("Test CA", Duration.ofDays(30), clock);
		ca.writeTo(caCert(), dir.resolve("ca-key.pem"), false);
		foreignCa = CertificateAuthority.create("Foreign CA", Duration.ofDays(30), clock);
		foreignCa.writeTo(foreignCaCert(), dir.resolve("foreign-ca-key.pem"), false);
		brain = issue(ca, IssueRequest.of(CertificateRole.BRAIN, "brain", Duration.ofDays(7), clock)
			.withSubjectAlternativeNames("localhost", "127.0.0.1"));
	}

	@Test
	void mutualHandshakeWithMatchingCaSucceeds() throws Exception {
		PemPair node = node(ca, "web-01");
		String peer = handshake(serverContext(), PemTls.clientContext(node.certificate(), node.privateKey(), caCert()));
		assertThat(peer).isEqualTo("web-01/NODE");
	}

	@Test
	void clientCertificateFromForeignCaIsRejected() throws Exception {
		PemPair node = node(foreignCa, "web-01");
		SSLContext client = PemTls.clientContext(node.certificate(), node.privateKey(), caCert());
		assertThatIOException().isThrownBy(() -> handshake(serverContext(), client));
	}

	@Test
	void clientTrustingOnlyForeignCaRejectsServer() throws Exception {
		PemPair node = node(ca, "web-01");
		SSLContext client = PemTls.clientContext(node.certificate(), node.privateKey(), foreignCaCert());
		assertThatIOException().isThrownBy(() -> handshake(serverContext(), client));
	}

	@Test
	void expiredClientCertificateIsRejected() throws Exception {
		PemPair node = nodeValid(Duration.ofDays(-2), Duration.ofDays(-1));
		SSLContext client = PemTls.clientContext(node.certificate(), node.privateKey(), caCert());
		assertThatIOException().isThrownBy(() -> handshake(serverContext(), client));
	}

	@Test
	void notYetValidClientCertificateIsRejected() throws Exception {
		PemPair node = nodeValid(Duration.ofDays(1), Duration.ofDays(2));
		SSLContext client = PemTls.clientContext(node.certificate(), node.privateKey(), caCert());
		assertThatIOException().isThrownBy(() -> handshake(serverContext(), client));
	}

	@Test
	void clientWithoutCertificateIsRejectedWhenServerNeedsOne() throws Exception {
		SSLContext client = PemTls.trustOnly(caCert());
		assertThatIOException().isThrownBy(() -> handshake(serverContext(), client));
	}

	@Test
	void trustOnlyClientConnectsWhenServerDoesNotAskForCertificate() throws Exception {
		String peer = handshake(serverContext(), PemTls.trustOnly(caCert()), false);
		assertThat(peer).isEqualTo("anonymous");
	}

	@Test
	void mismatchedKeyFailsBeforeAnyHandshake() throws Exception {
		PemPair node = node(ca, "web-01");
		PemPair other = node(ca, "web-02");
		assertThatIOException().isThrownBy(() -> PemTls.clientContext(node.certificate(), other.privateKey(), caCert()))
			.withMessageContaining("does not belong to certificate");
	}

	private static Path caCert() {
		return dir.resolve("ca.pem");
	}

	private static Path foreignCaCert() {
		return dir.resolve("foreign-ca.pem");
	}

	private static PemPair node(CertificateAuthority issuer, String name) throws IOException {
		return issue(issuer, IssueRequest.of(CertificateRole.NODE, name, Duration.ofDays(7), clock));
	}

	private static PemPair nodeValid(Duration from, Duration to) throws IOException {
		Instant now = clock.instant();
		return issue(ca, IssueRequest.of(CertificateRole.NODE, "web-01", Duration.ofDays(7), clock)
			.withValidity(now.plus(from), now.plus(to)));
	}

	private static synchronized PemPair issue(CertificateAuthority issuer, IssueRequest request) throws IOException {
		minted++;
		return issuer.issue(request)
			.writeTo(dir.resolve("cert-" + minted + ".pem"), dir.resolve("cert-" + minted + "-key.pem"), false);
	}

	private static SSLContext serverContext() throws Exception {
		return PemTls.serverContext(brain.certificate(), brain.privateKey(), caCert());
	}

	private static String handshake(SSLContext server, SSLContext client) throws Exception {
		return handshake(server, client, true);
	}

	/**
	 * Runs one connection over loopback and returns "CN/ROLE" of the client as the server
	 * saw it. In TLS 1.3 the client finishes its handshake before the server has judged
	 * the client certificate, so the client reads a byte to learn the server's verdict.
	 */
	private static String handshake(SSLContext server, SSLContext client, boolean needClientAuth) throws Exception {
		try (SSLServerSocket serverSocket = (SSLServerSocket) server.getServerSocketFactory()
			.createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			serverSocket.setNeedClientAuth(needClientAuth);
			serverSocket.setSoTimeout(TIMEOUT_MILLIS);
			CompletableFuture<String> accepted = CompletableFuture.supplyAsync(() -> accept(serverSocket));
			try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket()) {
				SSLParameters parameters = socket.getSSLParameters();
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
				socket.setSSLParameters(parameters);
				socket.connect(new InetSocketAddress("127.0.0.1", serverSocket.getLocalPort()), TIMEOUT_MILLIS);
				socket.setSoTimeout(TIMEOUT_MILLIS);
				socket.startHandshake();
				int answer = socket.getInputStream().read();
				if (answer != 42) {
					throw new SSLException("server closed the connection (read " + answer + ")");
				}
			}
			return accepted.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
		}
	}

	private static String accept(SSLServerSocket serverSocket) {
		try (SSLSocket socket = (SSLSocket) serverSocket.accept()) {
			socket.startHandshake();
			String peer = "anonymous";
			if (serverSocket.getNeedClientAuth()) {
				X509Certificate certificate = (X509Certificate) socket.getSession().getPeerCertificates()[0];
				peer = CertificateRole.commonName(certificate) + "/"
						+ CertificateRole.of(certificate).map(Enum::name).orElse("none");
			}
			socket.getOutputStream().write(42);
			socket.getOutputStream().flush();
			return peer;
		}
		catch (IOException ex) {
			return "failed: " + ex;
		}
	}

}
