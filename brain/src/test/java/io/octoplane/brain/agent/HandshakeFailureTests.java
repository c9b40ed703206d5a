package io.octoplane.brain.agent;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import io.octoplane.brain.agent.AgentMetrics.HandshakeFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeFailureTests {

	@Test
	void expiryUnderAPathValidationFailureIsExpired() {
		SSLHandshakeException failure = new SSLHandshakeException("PKIX path validation failed");
		failure.initCause(new CertPathValidatorException("validity check failed", new CertificateExpiredException()));
		assertThat(HandshakeFailure.of(failure)).isEqualTo(HandshakeFailure.EXPIRED);
	}

	@Test
	void pathValidationFailureWithoutExpiryIsUntrusted() {
		SSLHandshakeException failure = new SSLHandshakeException("PKIX path building failed");
		failure.initCause(new CertPathValidatorException("no trust anchor"));
		assertThat(HandshakeFailure.of(failure)).isEqualTo(HandshakeFailure.UNTRUSTED);
	}

	@Test
	void emptyClientChainIsNoCertificate() {
		assertThat(
				HandshakeFailure.of(new SSLHandshakeException("(certificate_required) Empty client certificate chain")))
			.isEqualTo(HandshakeFailure.NO_CERTIFICATE);
	}

	@Test
	void anythingElseIsProtocol() {
		assertThat(HandshakeFailure.of(new SSLException("Unsupported or unrecognized SSL message")))
			.isEqualTo(HandshakeFailure.PROTOCOL);
	}

}
