package io.octoplane.brain.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;

import io.octoplane.brain.file.TransferTokens.Direction;
import io.octoplane.brain.peer.PeerBlobs;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.server.blob.BlobStore;
import io.octoplane.server.blob.StoredBlob;
import io.octoplane.server.web.NotFoundException;

import org.springframework.stereotype.Component;

/**
 * The blob store as other features use it: open a blob a workgroup may read, store one
 * for a workgroup, and let nodes fetch one over their data connections with a one-time
 * transfer token, exactly as a file upload does. Scenarios ship their folders this way,
 * so their size is bound by the blob store's limit, not by an agent frame.
 */
@Component
public class BlobAccess {

	private final BlobStore blobs;

	private final BlobGrants grants;

	private final TransferTokens tokens;

	private final long maxBlobBytes;

	private final PeerBlobs peers;

	private final BlobRetention retention;

	BlobAccess(BlobStore blobs, BlobGrants grants, TransferTokens tokens, FileProperties properties, PeerBlobs peers,
			BlobRetention retention) {
		this.blobs = blobs;
		this.peers = peers;
		this.retention = retention;
		this.grants = grants;
		this.tokens = tokens;
		this.maxBlobBytes = properties.maxBlobSize().toBytes();
	}

	/**
	 * A blob the workgroup may read.
	 * @param sha256 its digest
	 * @param workgroup the reader's workgroup
	 * @return its file
	 * @throws NotFoundException if it is not stored or not the workgroup's (worded alike)
	 */
	public Path open(String sha256, String workgroup) {
		if (!this.grants.canRead(sha256, workgroup)) {
			throw new NotFoundException(ErrorCode.NOT_FOUND, "no blob " + sha256);
		}
		Path found = this.peers.find(sha256)
			.orElseThrow(() -> new NotFoundException(ErrorCode.NOT_FOUND, "no blob " + sha256));
		this.retention.used(sha256, Duration.ZERO);
		return found;
	}

	/**
	 * Stores content for a workgroup, and a copy on another brain when there is one.
	 * @param in the content, read to its end
	 * @param workgroup the workgroup that may read it
	 * @return the stored blob
	 * @throws IOException if it cannot be stored or is over
	 * {@code octoplane.file.max-blob-size}
	 */
	public StoredBlob store(InputStream in, String workgroup) throws IOException {
		StoredBlob stored = this.blobs.store(in, this.maxBlobBytes);
		this.grants.grant(stored.sha256(), workgroup);
		this.retention.used(stored.sha256(), Duration.ZERO);
		// Answered once a second brain holds it too, so that nodes still get it if
		// this brain dies before they fetched it.
		this.peers.copyToAnother(stored.sha256());
		return stored;
	}

	/**
	 * Lets nodes fetch a blob over their data connections, each once.
	 * @param sha256 the blob
	 * @param workgroup the workgroup of the work that needs it
	 * @param nodes the nodes that may fetch it
	 * @param ttl how long the token lives
	 * @return the one-time transfer token
	 */
	public String issueToNodes(String sha256, String workgroup, Collection<String> nodes, Duration ttl) {
		this.retention.used(sha256, ttl);
		return this.tokens.issue(Direction.TO_NODE, sha256, workgroup, nodes, ttl);
	}

}
