package io.octoplane.tentacle.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.random.RandomGenerator;

import io.octoplane.protocol.agent.DataOpen;
import io.octoplane.protocol.agent.DataReceived;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.LinkCompression;
import io.octoplane.protocol.digest.Sha256;
import io.octoplane.protocol.file.FileKind;
import io.octoplane.protocol.file.FileSendSpec;
import io.octoplane.protocol.file.SentFile;
import io.octoplane.protocol.file.TarArchives;
import io.octoplane.protocol.retry.Backoff;
import io.octoplane.tentacle.connection.BrainDialer;
import io.octoplane.tentacle.connection.DataChannel;
import io.octoplane.tentacle.connection.DataChannel.TransferRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a file, or a folder packed as tar into a spool file first (so its size is known
 * and a retry sends the same bytes), to the brain's blob store. Success needs the brain's
 * digest to equal ours. A broken connection restarts the send from the beginning; the
 * brain discards the incomplete blob. The bytes go deflated where the node's compression
 * setting and the brain allow it and it pays ({@link UploadCompression}); sizes and
 * digests count the file's own bytes.
 */
final class FileSend {

	private static final Logger logger = LoggerFactory.getLogger(FileSend.class);

	private final BrainDialer dialer;

	private final FrameCodec codec;

	private final Duration readTimeout;

	private final Path spool;

	FileSend(BrainDialer dialer, FrameCodec codec, Duration readTimeout, Path spool) {
		this.dialer = dialer;
		this.codec = codec;
		this.readTimeout = readTimeout;
		this.spool = spool;
	}

	SentFile send(FileSendSpec spec, Path source, long deadlineNanos) throws TransferFailedException, IOException {
		if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
			throw new TransferFailedException("no such file or folder: " + source);
		}
		if (!Files.isReadable(source)) {
			throw new TransferFailedException("cannot read " + source);
		}
		boolean folder = Files.isDirectory(source);
		Path bytes = source;
		if (folder) {
			Files.createDirectories(this.spool);
			bytes = Files.createTempFile(this.spool, "send-", ".tar");
		}
		try {
			if (folder) {
				try (OutputStream out = Files.newOutputStream(bytes)) {
					TarArchives.pack(source, out);
				}
			}
			String name = (source.getFileName() != null) ? source.getFileName().toString() : "root";
			int mode = TarArchives.toMode(Files.getPosixFilePermissions(source));
			String sha256 = sendWithRetries(spec, bytes, deadlineNanos);
			return new SentFile(sha256, Files.size(bytes), folder ? FileKind.DIRECTORY : FileKind.FILE, name, mode);
		}
		finally {
			if (folder) {
				Files.deleteIfExists(bytes);
			}
		}
	}

	private String sendWithRetries(FileSendSpec spec, Path bytes, long deadlineNanos) throws TransferFailedException {
		Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), RandomGenerator.getDefault());
		IOException last = null;
		for (int attempt = 1; attempt <= BlobFetch.ATTEMPTS && System.nanoTime() < deadlineNanos; attempt++) {
			try {
				return sendOnce(spec, bytes);
			}
			catch (TransferRefusedException ex) {
				throw new TransferFailedException("the brain refused the transfer: " + ex.getMessage(), ex);
			}
			catch (IOException ex) {
				last = ex;
				logger.info("sending {} failed (attempt {}): {}", bytes, attempt, ex.getMessage());
				try {
					Thread.sleep(backoff.next());
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					break;
				}
			}
		}
		throw new TransferFailedException(
				"cannot send to the brain: " + ((last != null) ? last.getMessage() : "time limit reached"), last);
	}

	private String sendOnce(FileSendSpec spec, Path bytes) throws IOException {
		long size = Files.size(bytes);
		MessageDigest digest = Sha256.newDigest();
		boolean deflate = UploadCompression.deflate(this.dialer.compressesUploads(), bytes);
		try (DataChannel channel = this.dialer.openData(new DataOpen(spec.token(), 0, size, deflate), this.codec,
				this.readTimeout)) {
			OutputStream wire = deflate ? LinkCompression.deflating(channel.out()) : channel.out();
			OutputStream out = new DigestOutputStream(wire, digest);
			long sent;
			try (InputStream in = Files.newInputStream(bytes)) {
				sent = in.transferTo(out);
			}
			out.flush();
			if (sent != size) {
				throw new IOException(bytes + " changed size while being sent");
			}
			DataReceived received = channel.reply(DataReceived.class);
			String ours = Sha256.hex(digest);
			if (!received.sha256().equals(ours) || received.sizeBytes() != size) {
				throw new IOException("the brain stored sha256 " + received.sha256() + " (" + received.sizeBytes()
						+ " bytes) but " + ours + " (" + size + " bytes) was sent");
			}
			return ours;
		}
	}

}
