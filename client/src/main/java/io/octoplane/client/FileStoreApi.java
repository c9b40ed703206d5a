package io.octoplane.client;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;
import java.util.function.LongConsumer;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.file.FileListing;
import io.octoplane.protocol.file.FileNames;
import io.octoplane.protocol.file.TarArchives;
import org.jspecify.annotations.Nullable;

/**
 * Calls on the brain's file store, the folder tree on the brain's host that Octopoda's
 * {@code file ls ... brain} and {@code file download ... brain} read. Paths are relative
 * to the part of the store the caller's workgroup sees; {@code @fstore/x} is the same as
 * {@code x}.
 */
public final class FileStoreApi {

	private final Transport transport;

	FileStoreApi(Transport transport) {
		this.transport = transport;
	}

	/**
	 * Lists a folder of the store as a tree ({@code GET /api/v1/files/store}).
	 * @param path the folder, empty for the top
	 * @param depth levels, 1 for the folder's own entries, 0 for every level
	 * @return the listing
	 * @throws OctoplaneApiException if the brain refused the path or has no such folder
	 */
	public FileListing list(String path, int depth) {
		return list(null, path, depth);
	}

	/**
	 * Lists a folder of a named brain's store; the brain that answers relays the call.
	 * @param brain the brain, or {@code null} for the one that answers
	 * @param path the folder, empty for the top
	 * @param depth levels, 1 for the folder's own entries, 0 for every level
	 * @return the listing
	 * @throws OctoplaneApiException if the brain refused the path or has no such folder
	 */
	public FileListing list(@Nullable String brain, String path, int depth) {
		StringJoiner query = new StringJoiner("&");
		if (brain != null) {
			query.add(Transport.param("brain", brain));
		}
		query.add(Transport.param("path", path));
		query.add(Transport.param("depth", Integer.toString(depth)));
		return this.transport.send(this.transport.request(ApiPaths.FILE_STORE, query).GET(),
				this.transport.requestTimeout(), FileListing.class);
	}

	/**
	 * Downloads a file or folder of the store ({@code GET /api/v1/files/store/content})
	 * into a local folder under its own name: a file through a partial file renamed when
	 * whole, a folder as tar unpacked beside its place (with the archive rules of
	 * {@link TarArchives}) and moved in; an existing folder of the same name is kept.
	 * Unlike a blob it is not resumed: without a digest a stale partial file could not be
	 * told from a good one.
	 * @param path the file or folder in the store
	 * @param localDir the local folder, created if missing
	 * @param progress receives the bytes received so far
	 * @return the file or folder written
	 * @throws IOException if writing fails or the archive is unsafe
	 * @throws OctoplaneApiException if the brain refused the path or has no such entry
	 */
	public Path download(String path, Path localDir, LongConsumer progress) throws IOException {
		return download(null, path, localDir, progress);
	}

	/**
	 * Downloads a file or folder of a named brain's store, as
	 * {@link #download(String, Path, LongConsumer)} does; the brain that answers relays
	 * it.
	 * @param brain the brain, or {@code null} for the one that answers
	 * @param path the file or folder in the store
	 * @param localDir the local folder, created if missing
	 * @param progress receives the bytes received so far
	 * @return the file or folder written
	 * @throws IOException if writing fails or the archive is unsafe
	 * @throws OctoplaneApiException if the brain refused the path or has no such entry
	 */
	public Path download(@Nullable String brain, String path, Path localDir, LongConsumer progress) throws IOException {
		String trimmed = path.strip().replaceAll("/+$", "");
		String name = FileNames.requireSegment(trimmed.substring(trimmed.lastIndexOf('/') + 1));
		Files.createDirectories(localDir);
		Path part = localDir.resolve("." + name + ".octoplane-part");
		Files.deleteIfExists(part);
		StringJoiner query = new StringJoiner("&");
		query.add(Transport.param("path", path));
		if (brain != null) {
			query.add(Transport.param("brain", brain));
		}
		HttpHeaders headers = RangedGet.into(this.transport, this.transport.request(ApiPaths.FILE_STORE_CONTENT, query),
				part, progress);
		boolean folder = headers != null
				&& "directory".equals(headers.firstValue(ApiPaths.FILE_KIND_HEADER).orElse("file"));
		return DownloadLanding.land(part, localDir, name, folder);
	}

}
