package io.octoplane.brain.node;

import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.octoplane.brain.web.PageCursor;
import io.octoplane.protocol.api.NodeState;
import io.octoplane.server.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;

/**
 * One page of a node listing: which nodes (state, a name pattern), after which cursor,
 * how many at most. The cursor is opaque to clients; it encodes the last name of the page
 * before, so a page stays in step while nodes come and go.
 *
 * @param state only nodes in this state ({@code online} includes unstable), or
 * {@code null} for all
 * @param pattern a glob on the node name ({@code *} any run, {@code ?} one character), or
 * {@code null} for all
 * @param after the last name of the page before, or {@code null} for the first page
 * @param limit most nodes in the page, at least 1
 */
public record NodeQuery(@Nullable NodeState state, @Nullable String pattern, @Nullable String after, int limit) {

	/** The most nodes one page may hold. */
	public static final int MAX_LIMIT = 10_000;

	public NodeQuery {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidRequestException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
		}
	}

	/**
	 * Reads a cursor a previous page handed out.
	 * @param cursor the cursor, or {@code null}
	 * @return the name it stands for, or {@code null}
	 * @throws InvalidRequestException if it is not a cursor of this brain
	 */
	static @Nullable String decodeCursor(@Nullable String cursor) {
		return PageCursor.decode(cursor);
	}

	static String encodeCursor(String name) {
		return PageCursor.encode(name);
	}

	/** Which node names match the pattern; compiled once per listing. */
	Predicate<String> names() {
		if (this.pattern == null) {
			return (name) -> true;
		}
		Pattern compiled = glob(this.pattern);
		return (name) -> compiled.matcher(name).matches();
	}

	private static Pattern glob(String glob) {
		StringBuilder regex = new StringBuilder();
		StringBuilder literal = new StringBuilder();
		for (char c : glob.toCharArray()) {
			if (c == '*' || c == '?') {
				if (!literal.isEmpty()) {
					regex.append(Pattern.quote(literal.toString()));
					literal.setLength(0);
				}
				regex.append((c == '*') ? ".*" : ".");
			}
			else {
				literal.append(c);
			}
		}
		if (!literal.isEmpty()) {
			regex.append(Pattern.quote(literal.toString()));
		}
		return Pattern.compile(regex.toString());
	}

}
