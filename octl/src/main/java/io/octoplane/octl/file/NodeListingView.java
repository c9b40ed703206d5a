package io.octoplane.octl.file;

import java.util.List;

import io.octoplane.client.FileApi.NodeListing;
import io.octoplane.protocol.file.FileListing;
import org.jspecify.annotations.Nullable;

/**
 * One target's part of {@code octl file ls} over several targets, as printed: the
 * listing's fields beside the node's name, or why there is none.
 *
 * @param node the node, or {@code brain}
 * @param path the folder as the target resolved it, or {@code null} on failure
 * @param entries the entries in tree order
 * @param truncated whether entries beyond the limit were left out
 * @param error why the target has no listing, or {@code null}
 */
record NodeListingView(String node, @Nullable String path, List<FileListing.Entry> entries, boolean truncated,
		@Nullable String error) {

	static NodeListingView of(NodeListing listing) {
		FileListing found = listing.listing();
		if (found == null) {
			return new NodeListingView(listing.node(), null, List.of(), false, listing.error());
		}
		return new NodeListingView(listing.node(), found.path(), found.entries(), found.truncated(), null);
	}

}
