package io.octoplane.brain.agent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes sessions whose certificate, or a certificate of a gateway on their path, was
 * revoked after their handshake checked it. The brain that takes a revocation closes its
 * own session at once; a node held by another brain sharing the Redis is cut off by that
 * brain here, within one sweep.
 *
 * <p>
 * Each session remembers the {@link RevocationMark} read just before its certificates
 * were last checked. A sweep reads the current mark and asks about the sessions checked
 * at an older one only, so while nothing is revoked a sweep is one small read whatever
 * the number of sessions. A session whose handshake check raced a revocation carries the
 * mark from before it and is checked by the next sweep, even if it registered only after
 * that revocation was swept for the others.
 */
final class RevocationSweep {

	private static final Logger logger = LoggerFactory.getLogger(RevocationSweep.class);

	private final RevokedCertificates revocations;

	RevocationSweep(RevokedCertificates revocations) {
		this.revocations = revocations;
	}

	/**
	 * Checks the sessions not checked since the last revocation and closes the revoked
	 * ones.
	 * @param sessions the sessions held
	 */
	void sweep(Collection<? extends Swept> sessions) {
		RevocationMark now = this.revocations.mark();
		Map<String, List<Swept>> bySerial = new HashMap<>();
		List<Swept> stale = new ArrayList<>();
		for (Swept session : sessions) {
			if (!now.equals(session.revocationsChecked())) {
				stale.add(session);
				session.certificateSerials()
					.forEach((serial) -> bySerial.computeIfAbsent(serial, (key) -> new ArrayList<>()).add(session));
			}
		}
		if (stale.isEmpty()) {
			return;
		}
		for (String serial : this.revocations.revokedAmong(bySerial.keySet())) {
			for (Swept session : bySerial.get(serial)) {
				logger.info("Closing the session of {}: certificate {} on its path was revoked", session.nodeName(),
						serial);
				session.close("a certificate on this node's path was revoked", false);
			}
		}
		// Read before the question: a revocation since then moves the mark
		// past this one, and the next sweep asks again.
		stale.forEach((session) -> session.revocationsChecked(now));
	}

	/** What the sweep needs of a session. */
	interface Swept {

		/** The node's name, for the log. */
		String nodeName();

		/** Hex serials of the node's certificate and of its gateways' certificates. */
		List<String> certificateSerials();

		/** The mark read before its certificates were last checked. */
		RevocationMark revocationsChecked();

		/** Records a check made at a mark. */
		void revocationsChecked(RevocationMark mark);

		/** Closes the session for good. */
		void close(String reason, boolean retry);

	}

}
