package io.octoplane.brain.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

import io.octoplane.brain.config.BrainProperties;
import io.octoplane.brain.file.BlobAccess;
import io.octoplane.protocol.agent.NodeappTask;
import io.octoplane.server.blob.StoredBlob;
import io.octoplane.server.web.UnavailableException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import org.springframework.stereotype.Component;

/**
 * Gets an application's scripts (and, for prepare, its sources) to its nodes: packs them
 * as a tar.gz into the brain's blob store and issues a one-time transfer token for the
 * application's nodes, which fetch the archive over their data connections as a file
 * upload does. The archive is spooled to disk, never held in memory, so its size is
 * bounded only by the blob store's limit.
 */
@Component
class NodeappShipper {

	/** A token outlives its tasks' time limit by this much, for delivery. */
	private static final Duration TOKEN_MARGIN = Duration.ofMinutes(10);

	private final BlobAccess blobs;

	private final Path spool;

	NodeappShipper(BlobAccess blobs, BrainProperties brain) {
		this.blobs = blobs;
		this.spool = brain.dataDir().resolve("scenario-spool");
	}

	/**
	 * Ships what one application's nodes need.
	 * @param folder the scenario folder
	 * @param app the application, its nodes resolved
	 * @param withSources whether to include the sources (prepare) or only the scripts
	 * @param workgroup the workgroup applying the scenario
	 * @param timeout how long the sync task may take on a node
	 * @return what the sync task carries
	 */
	NodeappTask.ArchiveBlob ship(ScenarioFolder folder, Deployment.App app, boolean withSources, String workgroup,
			Duration timeout) {
		StoredBlob stored;
		try {
			Files.createDirectories(this.spool);
			Path packed = Files.createTempFile(this.spool, app.name() + "-", ".tar.gz");
			try {
				try (OutputStream out = Files.newOutputStream(packed)) {
					pack(folder, app, withSources, out);
				}
				try (InputStream in = Files.newInputStream(packed)) {
					stored = this.blobs.store(in, workgroup);
				}
			}
			finally {
				Files.deleteIfExists(packed);
			}
		}
		catch (IOException ex) {
			throw new UnavailableException("cannot pack application " + app.name() + ": " + ex.getMessage());
		}
		String token = this.blobs.issueToNodes(stored.sha256(), workgroup, app.nodes(), timeout.plus(TOKEN_MARGIN));
		return new NodeappTask.ArchiveBlob(token, stored.sha256(), stored.sizeBytes());
	}

	/**
	 * Packs an application's files: {@code scripts/...} and, with sources, the folder
	 * entry {@code src/} (which tells the node sources were shipped, even none) and
	 * {@code src/...}.
	 * @param folder the scenario folder
	 * @param app the application
	 * @param withSources whether to include the sources
	 * @param out where the tar.gz goes
	 * @throws IOException if the folder cannot be read or the archive written
	 */
	static void pack(ScenarioFolder folder, Deployment.App app, boolean withSources, OutputStream out)
			throws IOException {
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
			tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
			tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
			add(tar, folder, app.scriptPath(), "scripts/", 0100755);
			if (withSources) {
				tar.putArchiveEntry(new TarArchiveEntry("src/"));
				tar.closeArchiveEntry();
				if (app.sourcePath() != null) {
					add(tar, folder, app.sourcePath(), "src/", 0100644);
				}
			}
		}
	}

	private static void add(TarArchiveOutputStream tar, ScenarioFolder folder, String path, String prefix, int mode)
			throws IOException {
		folder.each(path, (name, size, content) -> {
			TarArchiveEntry entry = new TarArchiveEntry(prefix + name);
			entry.setSize(size);
			entry.setMode(mode);
			tar.putArchiveEntry(entry);
			content.transferTo(tar);
			tar.closeArchiveEntry();
		});
	}

}
