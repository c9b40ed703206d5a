package io.octoplane.protocol.agent;

import java.util.Objects;

/**
 * The tentacle asks for a fresh certificate before its current one expires. The brain
 * signs the request with the node's name and role taken from the current connection's
 * certificate, never from the request.
 *
 * @param csrPem a PKCS#10 certificate signing request for a new key, PEM
 */
public record RenewCertificate(String csrPem) implements AgentMessage {

	public RenewCertificate {
		Objects.requireNonNull(csrPem, "csrPem must not be null");
	}

}
