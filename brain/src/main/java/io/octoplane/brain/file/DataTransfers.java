package io.octoplane.brain.file;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.octoplane.brain.agent.DataConnectionHandler;
import io.octoplane.brain.file.TransferTokens.Transfer;
import io.octoplane.brain.peer.PeerBlobs;
import io.octoplane.protocol.agent.DataOpen;
import io.octoplane.protocol.agent.DataReady;
import io.octoplane.protocol.agent.DataReceived;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.LinkCompression;
import io.octoplane.server.blob.BlobStore;
import io.octoplane.server.blob.StoredBlob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Moves the bytes of file jobs on tentacles' data connections, after checking the
 * one-time token against the node's certificate name. A fetch streams the blob from the
 * requested offset (a resumed transfer sends only the rest); a send streams into the blob
 * store. Memory use is one buffer per connection, whatever the size.
 */
@Component
class DataTransfers implements DataConnectionHandler {

	private static final Logger logger = LoggerFactory.getLogger(DataTransfers.class);

	private static final int BUFFER = 64 * 1024;

	private final TransferTokens tokens;

	private final BlobStore blobs;

	private final BlobGrants grants;

	private final long maxBlobBytes;

	private final PeerBlobs peers;

	DataTransfers(TransferTokens tokens, BlobStore blobs, BlobGrants grants, FileProperties properties,
			PeerBlobs peers) {
		this.peers = peers;
		this.tokens = tokens;
		this.blobs = blobs;
		this.grants = grants;
		this.maxBlobBytes = properties.maxBlobSize().toBytes();
	}

	@Override
	public void serve(String nodeName, DataOpen open, InputStream in, OutputStream out, FrameCodec codec)
			throws IOException {
		Transfer transfer = this.tokens.find(open.token(), nodeName)
			.orElseThrow(() -> new DataRefusedException(
					"the transfer token is unknown, expired, already used or not for node " + nodeName));
		switch (transfer.direction()) {
			case TO_NODE -> sendBlob(nodeName, open, transfer, in, out, codec);
			case FROM_NODE -> receiveBlob(nodeName, open, transfer, in, out, codec);
		}
	}

	private void sendBlob(String nodeName, DataOpen open, Transfer transfer, InputStream in, OutputStream out,
			FrameCodec codec) throws IOException {
		Path blob = this.peers.find(transfer.sha256())
			.orElseThrow(() -> new DataRefusedException("blob " + transfer.sha256() + " is neither on this brain nor "
					+ "on any live one (the brain that took the upload may have stopped); upload the file again"));
		try (FileChannel channel = FileChannel.open(blob, StandardOpenOption.READ)) {
			long size = channel.size();
			if (open.offsetBytes() > size) {
				throw new DataRefusedException(
						"offset " + open.offsetBytes() + " is beyond the blob's " + size + " bytes");
			}
			codec.write(out, new DataReady(size));
			channel.position(open.offsetBytes());
			InputStream blobIn = Channels.newInputStream(channel);
			// Only a node that asked for it (compression: on) gets a deflate stream;
			// the offset and size still count the blob's own bytes.
			OutputStream wire = open.compressed() ? LinkCompression.deflating(out) : out;
			byte[] buffer = new byte[BUFFER];
			int read;
			while ((read = blobIn.read(buffer)) >= 0) {
				wire.write(buffer, 0, read);
			}
			wire.flush();
			// Written is not received: on a thin link the last bytes may still be in
			// buffers along the way when the link is cut, and the node then resumes with
			// this token. It is spent once the node, having read all, closes its end.
			boolean received = closedByNode(in);
			if (received) {
				this.tokens.used(open.token(), nodeName);
			}
			logger.info("Sent blob {} to {} ({} bytes from offset {}{})", transfer.sha256(), nodeName,
					size - open.offsetBytes(), open.offsetBytes(), received ? "" : "; the node did not confirm");
		}
	}

	/**
	 * Whether the node ended the connection in order (TLS close_notify), which a tentacle
	 * does once it holds every byte; a reset, a timeout or stray bytes say nothing.
	 */
	private static boolean closedByNode(InputStream in) {
		try {
			return in.read() < 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private void receiveBlob(String nodeName, DataOpen open, Transfer transfer, InputStream in, OutputStream out,
			FrameCodec codec) throws IOException {
		if (open.sizeBytes() > this.maxBlobBytes) {
			throw new DataRefusedException("the file is " + open.sizeBytes() + " bytes; the limit is "
					+ this.maxBlobBytes + " (octoplane.file.max-blob-size)");
		}
		// A compressed send costs the brain an inflate stream only (about 40 KiB);
		// the size and the digest count the file's own bytes.
		InputStream source = open.compressed() ? LinkCompression.inflating(in) : in;
		StoredBlob stored = this.blobs.store(new Exactly(source, open.sizeBytes()), open.sizeBytes());
		this.grants.grant(stored.sha256(), transfer.workgroup());
		this.tokens.used(open.token(), nodeName);
		codec.write(out, new DataReceived(stored.sha256(), stored.sizeBytes()));
		logger.info("Received blob {} from {} ({} bytes)", stored.sha256(), nodeName, stored.sizeBytes());
		this.peers.copyToAnother(stored.sha256());
	}

	/**
	 * Reads exactly the announced number of bytes; ending early is an error, not a short
	 * blob.
	 */
	private static final class Exactly extends FilterInputStream {

		private long remaining;

		Exactly(InputStream in, long size) {
			super(in);
			this.remaining = size;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.remaining == 0) {
				return -1;
			}
			int count = this.in.read(buffer, offset, (int) Math.min(length, Math.min(this.remaining, BUFFER)));
			if (count < 0) {
				throw new EOFException("the node's connection ended " + this.remaining + " bytes early");
			}
			this.remaining -= count;
			return count;
		}

		@Override
		public void close() {
			// The connection is the session's to close.
		}

	}

}
