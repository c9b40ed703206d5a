package io.octoplane.protocol.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One nodeapp ({@code <app>@<scenario>}) on one node and its git history, newest first.
 *
 * @param node the node
 * @param nodeapp {@code <app>@<scenario>}
 * @param head the current commit id, or {@code null} if it has none
 * @param versions its commits (a page of them when asked for its history)
 * @param total how many commits it has in all, when {@code versions} is a page of its
 * history; otherwise {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeappResponse(String node, String nodeapp, @Nullable String head, List<Commit> versions,
		@Nullable Integer total) {

	public NodeappResponse {
		versions = List.copyOf(versions);
	}

	/**
	 * One commit of a nodeapp.
	 *
	 * @param id the full commit id
	 * @param time when it was made
	 * @param message its message
	 */
	public record Commit(String id, Instant time, String message) {

	}

}
