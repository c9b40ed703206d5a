package io.octoplane.protocol.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Answer of {@code POST /api/v1/enroll}.
 *
 * @param certificatePem the node's new certificate, PEM
 * @param caPem the CA certificate to trust the brain with, PEM
 */
public record EnrollResponse(@JsonProperty("certificate_pem") String certificatePem,
		@JsonProperty("ca_pem") String caPem) {

	public EnrollResponse {
		Objects.requireNonNull(certificatePem, "certificatePem must not be null");
		Objects.requireNonNull(caPem, "caPem must not be null");
	}

}
