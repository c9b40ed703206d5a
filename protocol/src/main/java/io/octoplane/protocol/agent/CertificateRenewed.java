package io.octoplane.protocol.agent;

import org.jspecify.annotations.Nullable;

/**
 * The brain's answer to {@link RenewCertificate}: the new certificate, or why not.
 *
 * @param certificatePem the new certificate, PEM, or {@code null} if refused
 * @param error why it was refused, or {@code null}
 */
public record CertificateRenewed(@Nullable String certificatePem, @Nullable String error) implements BrainMessage {

	public CertificateRenewed {
		if ((certificatePem == null) == (error == null)) {
			throw new IllegalArgumentException("exactly one of certificatePem and error must be set");
		}
	}

}
