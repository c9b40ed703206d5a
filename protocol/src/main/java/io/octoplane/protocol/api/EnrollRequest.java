package io.octoplane.protocol.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /api/v1/enroll}: a new node asks for its certificate. Its private
 * key never leaves it; only the certificate signing request travels.
 *
 * @param token the join token
 * @param nodeName the name the node wants (becomes its certificate CN)
 * @param csrPem a PKCS#10 certificate signing request, PEM
 */
public record EnrollRequest(String token, @JsonProperty("node_name") String nodeName,
		@JsonProperty("csr_pem") String csrPem) {

	public EnrollRequest {
		Objects.requireNonNull(token, "token must not be null");
		Objects.requireNonNull(nodeName, "nodeName must not be null");
		Objects.requireNonNull(csrPem, "csrPem must not be null");
	}

	@Override
	public String toString() {
		return "EnrollRequest[nodeName=" + this.nodeName + ", token=(hidden)]";
	}

}
