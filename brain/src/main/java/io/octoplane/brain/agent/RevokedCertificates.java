package io.octoplane.brain.agent;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Set;

/**
 * Which node certificates are revoked. The agent endpoint asks on every handshake and,
 * once a heartbeat interval, for the certificates of the sessions it holds that were
 * checked before the last revocation; the revocation feature answers.
 */
public interface RevokedCertificates {

	/**
	 * Whether a certificate is revoked, and where the revocations stood just before the
	 * answer, in one round trip.
	 * @param serial its serial number
	 * @return the answer
	 */
	Check check(BigInteger serial);

	/**
	 * Where the revocations stand now.
	 * @return the mark
	 */
	RevocationMark mark();

	/**
	 * Which of the given serials are revoked, in one round trip.
	 * @param serials hex serials
	 * @return the revoked ones
	 */
	Set<String> revokedAmong(Collection<String> serials);

	/**
	 * The answer for one certificate.
	 *
	 * @param revoked whether it is refused
	 * @param mark where the revocations stood before the answer was read: a revocation
	 * after it moves the mark
	 */
	record Check(boolean revoked, RevocationMark mark) {

	}

}
