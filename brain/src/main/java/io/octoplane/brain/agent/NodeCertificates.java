package io.octoplane.brain.agent;

import io.octoplane.protocol.agent.CertificateRenewed;

/** Signs renewed node certificates, when the brain holds the fleet CA's key. */
public interface NodeCertificates {

	/**
	 * Signs a renewal request of a connected node.
	 * @param nodeName the node, from its current certificate
	 * @param csrPem its certificate signing request
	 * @return the new certificate, or the reason there is none
	 */
	CertificateRenewed renew(String nodeName, String csrPem);

}
