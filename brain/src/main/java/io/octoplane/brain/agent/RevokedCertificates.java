package io.octoplane.brain.agent;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Set;

/**
 * Which node certificates are revoked. The agent endpoint asks on every handshake and,
 * once a heartbeat interval, for the certificates of the sessions it holds; the
 * revocation feature answers.
 */
public interface RevokedCertificates {

	/**
	 * Whether a certificate is revoked.
	 * @param serial its serial number
	 * @return whether it is refused
	 */
	boolean isRevoked(BigInteger serial);

	/**
	 * Which of the given serials are revoked, in one round trip.
	 * @param serials hex serials
	 * @return the revoked ones
	 */
	Set<String> revokedAmong(Collection<String> serials);

}
