package io.octoplane.brain.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.octoplane.server.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;

/**
 * The {@code cursor} of paged listings ({@code next_cursor} in their answers): the
 * position of the last entry a page looked at, opaque to clients. A listing reads on
 * strictly after that position, so entries added meanwhile (newer ones, or nodes sorted
 * elsewhere) are neither repeated nor skipped.
 */
public final class PageCursor {

	private PageCursor() {
	}

	/**
	 * Wraps a position for a client.
	 * @param position the listing's own text for a position
	 * @return the cursor
	 */
	public static String encode(String position) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads a cursor a previous page handed out.
	 * @param cursor the cursor, or {@code null}
	 * @return the position it stands for, or {@code null} for none (the first page)
	 * @throws InvalidRequestException if it is not a cursor of this brain
	 */
	public static @Nullable String decode(@Nullable String cursor) {
		if (cursor == null || cursor.isBlank()) {
			return null;
		}
		try {
			return new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(cursor);
		}
	}

	/**
	 * The answer to a cursor whose position a listing cannot read.
	 * @param cursor the cursor as given
	 * @return the exception to throw
	 */
	public static InvalidRequestException invalid(String cursor) {
		return new InvalidRequestException("cursor '" + cursor + "' was not handed out by this listing");
	}

}
