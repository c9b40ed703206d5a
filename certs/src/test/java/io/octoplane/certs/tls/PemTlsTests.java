package io.octoplane.certs.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import io.octoplane.certs.CertFixtures;
import io.octoplane.certs.CertificateRole;
import io.octoplane.certs.PemPair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class PemTlsTests {

	private static final int TIMEOUT_MILLIS = 10_000;

	@TempDir
	static Path dir;

	static CertFixtures fixtures;

	@BeforeAll
	static void mint() {
		fixtures = CertFixtures.create(dir);
	}

	@Test
	void mutualHandshakeWithMatchingCaSucceeds() throws Exception {
		PemPair node = fixtures.node("web-01");
		String peer = handshake(serverContext(),
				PemTls.clientContext(node.certificate(), node.privateKey(), fixtures.caCert()));
		assertThat(peer).isEqualTo("web-01/NODE");
	}

	@Test
	void clientCertificateFromForeignCaIsRejected() throws Exception {
		PemPair node = fixtures.foreignNode("web-01");
		SSLContext client = PemTls.clientContext(node.certificate(), node.privateKey(), fixtures.caCert());
		assertThatIOException().isThrownBy(() -> handshake(serverContext(), client));
	}

	@Test
	void clientTrustingOnlyForeignCaRejectsServer() throws Exception {
		PemPair node = fixtures.node("web-01");
		SSLContext client = PemTls.clientContext(node.certificate(), node.privateKey(), fixtures.foreignCaCert());
		assertThatIOException().isThrownBy(() -> handshake(serverContext(), client));
	}

	@Test
	void expiredClientCertificateIsRejected() throws Exception {
		PemPair node = fixtures.expiredNode("web-01");
		SSLContext client = PemTls.clientContext(node.certificate(), node.privateKey(), fixtures.caCert());
		assertThatIOException().isThrownBy(() -> handshake(serverContext(), client));
	}

	@Test
	void notYetValidClientCertificateIsRejected() throws Exception {
		PemPair node = fixtures.notYetValidNode("web-01");
		SSLContext client = PemTls.clientContext(node.certificate(), node.privateKey(), fixtures.caCert());
		assertThatIOException().isThrownBy(() -> handshake(serverContext(), client));
	}

	@Test
	void clientWithoutCertificateIsRejectedWhenServerNeedsOne() throws Exception {
		SSLContext client = PemTls.trustOnly(fixtures.caCert());
		assertThatIOException().isThrownBy(() -> handshake(serverContext(), client));
	}

	@Test
	void trustOnlyClientConnectsWhenServerDoesNotAskForCertificate() throws Exception {
		String peer = handshake(serverContext(), PemTls.trustOnly(fixtures.caCert()), false);
		assertThat(peer).isEqualTo("anonymous");
	}

	@Test
	void mismatchedKeyFailsBeforeAnyHandshake() {
		PemPair node = fixtures.node("web-01");
		PemPair other = fixtures.node("web-02");
		assertThatIOException()
			.isThrownBy(() -> PemTls.clientContext(node.certificate(), other.privateKey(), fixtures.caCert()))
			.withMessageContaining("does not belong to certificate");
	}

	private static SSLContext serverContext() throws Exception {
		PemPair brain = fixtures.brain();
		return PemTls.serverContext(brain.certificate(), brain.privateKey(), fixtures.caCert());
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
