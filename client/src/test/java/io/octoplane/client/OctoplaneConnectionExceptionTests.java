package io.octoplane.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OctoplaneConnectionExceptionTests {

	private static final URI BRAIN = URI.create("https://brain.example:8443");

	/**
	 * The message for a brain that refuses the client certificate, however it arrives.
	 */
	static final String REFUSED = "brain at https://brain.example:8443 refused the TLS connection or closed it "
			+ "without answering";

	@Test
	void refusalByAlertAndByClosedConnectionReadTheSame() {
		// The shapes the JDK client gives a refused client certificate under TLS 1.3:
		// the alert, or (about one time in ten against the stub brain) the reset or end
		// of a connection closed with the request unread.
		IOException alert = new SSLHandshakeException(
				"(certificate_unknown) Received fatal alert: certificate_unknown");
		IOException reset = new IOException("HTTP/1.1 header parser received no bytes",
				new IOException("HTTP/1.1 header parser received no bytes", new SocketException("Connection reset")));
		IOException closed = new IOException("HTTP/1.1 header parser received no bytes",
				new EOFException("EOF reached while reading"));
		for (IOException failure : new IOException[] { alert, reset, closed }) {
			OctoplaneConnectionException ex = OctoplaneConnectionException.of(BRAIN, failure, false);
			assertThat(ex.reason()).isEqualTo(OctoplaneConnectionException.Reason.TLS);
			assertThat(ex).hasMessage(REFUSED).hasCause(failure);
		}
	}

	@Test
	void untrustedBrainCertificateNamesTheCause() {
		SSLHandshakeException pkix = new SSLHandshakeException("PKIX path building failed");
		pkix.initCause(new CertificateException("unable to find valid certification path"));
		OctoplaneConnectionException ex = OctoplaneConnectionException.of(BRAIN, pkix, false);
		assertThat(ex.reason()).isEqualTo(OctoplaneConnectionException.Reason.TLS);
		assertThat(ex).hasMessage("TLS handshake with " + BRAIN + " failed: PKIX path building failed");
	}

	@Test
	void connectionClosedAfterTheAnswerBeganIsATransportFailure() {
		IOException closed = new IOException("HTTP/1.1 parser receiving [...]",
				new EOFException("EOF reached while reading"));
		OctoplaneConnectionException ex = OctoplaneConnectionException.of(BRAIN, closed, true);
		assertThat(ex.reason()).isEqualTo(OctoplaneConnectionException.Reason.IO);
		assertThat(ex).hasMessage("connection to brain at " + BRAIN + " failed: HTTP/1.1 parser receiving [...]");
	}

	@Test
	void closedPlainHttpConnectionIsNotCalledATlsRefusal() {
		URI plain = URI.create("http://brain.example:8080");
		OctoplaneConnectionException ex = OctoplaneConnectionException.of(plain,
				new IOException("no bytes", new EOFException()), false);
		assertThat(ex.reason()).isEqualTo(OctoplaneConnectionException.Reason.IO);
	}

	@Test
	void connectFailuresKeepTheirOwnReasons() {
		assertThat(OctoplaneConnectionException.of(BRAIN, new ConnectException(), false).reason())
			.isEqualTo(OctoplaneConnectionException.Reason.REFUSED);
		assertThat(OctoplaneConnectionException.of(BRAIN, new HttpConnectTimeoutException("slow"), false).reason())
			.isEqualTo(OctoplaneConnectionException.Reason.TIMEOUT);
	}

}
