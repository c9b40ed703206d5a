package io.octoplane.brain.agent;

/**
 * Where the revocations stood at one moment: it changes whenever a certificate is
 * revoked, by any brain, so a session checked at the current mark needs no check again.
 *
 * @param generation the count of revocations made by brains that keep one
 * @param revoked how many certificates are revoked, which also moves when a brain that
 * keeps no generation revokes one
 */
public record RevocationMark(long generation, long revoked) {

	/** A mark no store reports, for a session never checked. */
	static final RevocationMark NEVER = new RevocationMark(-1, -1);

}
