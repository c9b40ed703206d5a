package io.octoplane.brain.enroll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.octoplane.brain.agent.NodeCertificates;
import io.octoplane.certs.CertificateAuthority;
import io.octoplane.certs.CertificateRole;
import io.octoplane.certs.PemFiles;
import io.octoplane.protocol.agent.CertificateRenewed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The fleet CA as far as this brain holds it: signs node certificates for enrollment and
 * renewal. The node's name and role come from the brain (the join token's request or the
 * connection's certificate), never from what the request says about itself.
 */
@Component
class FleetCa implements NodeCertificates {

	private static final Logger logger = LoggerFactory.getLogger(FleetCa.class);

	private final Optional<CertificateAuthority> authority;

	private final FleetCaProperties properties;

	private final Clock clock;

	FleetCa(FleetCaProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
		if (properties.certificate().isBlank() || properties.privateKey().isBlank()) {
			this.authority = Optional.empty();
			return;
		}
		try {
			this.authority = Optional
				.of(CertificateAuthority.load(Path.of(properties.certificate()), Path.of(properties.privateKey())));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot load the fleet CA from octoplane.ca.certificate="
					+ properties.certificate() + " and octoplane.ca.private-key=(file): " + ex.getMessage(), ex);
		}
	}

	boolean isConfigured() {
		return this.authority.isPresent();
	}

	/**
	 * Signs a node certificate.
	 * @param nodeName the CN to put in it
	 * @param csrPem the request, which supplies only the public key
	 * @return the certificate
	 * @throws IllegalStateException if no CA key is configured
	 * @throws IllegalArgumentException if the request is malformed or badly signed
	 */
	X509Certificate sign(String nodeName, String csrPem) {
		CertificateAuthority ca = this.authority
			.orElseThrow(() -> new IllegalStateException("this brain does not hold the fleet CA key"));
		// A node certificate cannot outlive its CA;
		// near the CA's end, nodes get what is left.
		Duration left = Duration.between(this.clock.instant(), ca.certificate().getNotAfter().toInstant())
			.minusMinutes(1);
		Duration validity = (left.compareTo(this.properties.nodeValidity()) < 0) ? left
				: this.properties.nodeValidity();
		if (validity.isNegative() || validity.isZero()) {
			throw new IllegalStateException("the fleet CA has expired; renew it with 'certs ca'");
		}
		return ca.signCsr(csrPem, CertificateRole.NODE, nodeName, validity);
	}

	String caPem() {
		return PemFiles.toPem(
				this.authority.orElseThrow(() -> new IllegalStateException("this brain does not hold the fleet CA key"))
					.certificate());
	}

	@Override
	public CertificateRenewed renew(String nodeName, String csrPem) {
		if (this.authority.isEmpty()) {
			return new CertificateRenewed(null, "this brain does not hold the fleet CA key; renew with 'certs node'");
		}
		try {
			X509Certificate certificate = sign(nodeName, csrPem);
			logger.info("Renewed the certificate of node {} (serial {})", nodeName,
					certificate.getSerialNumber().toString(16));
			return new CertificateRenewed(PemFiles.toPem(certificate), null);
		}
		catch (IllegalArgumentException ex) {
			return new CertificateRenewed(null, "renewal refused: " + ex.getMessage());
		}
	}

}
