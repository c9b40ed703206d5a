package io.octoplane.brain.job;

import io.octoplane.brain.web.PageCursor;
import org.jspecify.annotations.Nullable;

/**
 * Where a job stands in the newest-first listing: its creation time, ties broken by id
 * (both descending, as {@code ZREVRANGE} orders the job index). A cursor carries the
 * position of the last job a page looked at; the next page starts strictly after it, so
 * jobs created meanwhile, which sort before it, never shift a later page.
 *
 * @param createdAtMillis creation time in epoch milliseconds, the index score
 * @param id the job id, the index member
 */
record JobPosition(long createdAtMillis, String id) {

	/**
	 * Whether a job lies after this position in the listing, newest first.
	 * @param other the job
	 * @return whether it belongs to a later page
	 */
	boolean isBefore(JobPosition other) {
		return other.createdAtMillis < this.createdAtMillis
				|| (other.createdAtMillis == this.createdAtMillis && other.id.compareTo(this.id) < 0);
	}

	String cursor() {
		return PageCursor.encode(this.createdAtMillis + ":" + this.id);
	}

	/**
	 * Reads a cursor.
	 * @param cursor the cursor, or {@code null} for the first page
	 * @return the position, or {@code null}
	 * @throws io.octoplane.server.web.InvalidRequestException if it is not a job cursor
	 */
	static @Nullable JobPosition parse(@Nullable String cursor) {
		String position = PageCursor.decode(cursor);
		if (position == null) {
			return null;
		}
		int colon = position.indexOf(':');
		try {
			if (colon > 0 && colon < position.length() - 1) {
				return new JobPosition(Long.parseLong(position.substring(0, colon)), position.substring(colon + 1));
			}
		}
		catch (NumberFormatException ex) {
			// Answered below, as any other foreign cursor.
		}
		throw PageCursor.invalid(cursor);
	}

}
