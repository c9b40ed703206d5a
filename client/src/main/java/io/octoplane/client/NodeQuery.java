package io.octoplane.client;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

import io.octoplane.protocol.api.NodeState;
import org.jspecify.annotations.Nullable;

/**
 * Which nodes a listing asks for: by name, by state, by a glob on the name ({@code pi*},
 * {@code lab-??}), one page at a time ({@code limit} and the {@code cursor} the previous
 * page answered with). Unset parts do not filter; without a limit the brain answers every
 * match at once.
 *
 * @param names exact node names, or empty for all
 * @param state only nodes in this state, or {@code null}
 * @param pattern a glob on the node name, or {@code null}
 * @param limit the most nodes of one page, or {@code null} for no paging
 * @param cursor where the page starts, from the previous page's {@code next_cursor}, or
 * {@code null} for the first
 */
public record NodeQuery(List<String> names, @Nullable NodeState state, @Nullable String pattern,
		@Nullable Integer limit, @Nullable String cursor) {

	public NodeQuery {
		names = List.copyOf(names);
		if (limit != null && limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1");
		}
	}

	/**
	 * Nodes by name and state, all in one answer.
	 * @param names exact node names, or empty for all
	 * @param state only nodes in this state, or {@code null}
	 * @return the query
	 */
	public static NodeQuery of(Collection<String> names, @Nullable NodeState state) {
		return new NodeQuery(List.copyOf(names), state, null, null, null);
	}

	StringJoiner toQuery() {
		StringJoiner query = NodeApi.nameQuery(this.names);
		if (this.state != null) {
			query.add("state=" + this.state.name().toLowerCase(Locale.ROOT));
		}
		if (this.pattern != null) {
			query.add(Transport.param("pattern", this.pattern));
		}
		if (this.limit != null) {
			query.add("limit=" + this.limit);
		}
		if (this.cursor != null) {
			query.add(Transport.param("cursor", this.cursor));
		}
		return query;
	}

}
