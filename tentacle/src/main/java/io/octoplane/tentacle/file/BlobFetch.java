package io.octoplane.tentacle.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

import io.octoplane.protocol.agent.DataOpen;
import io.octoplane.protocol.agent.DataReady;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.LinkCompression;
import io.octoplane.protocol.digest.Sha256;
import io.octoplane.protocol.file.FileReceiveSpec;
import io.octoplane.protocol.retry.Backoff;
import io.octoplane.tentacle.connection.BrainDialer;
import io.octoplane.tentacle.connection.DataChannel;
import io.octoplane.tentacle.connection.DataChannel.TransferRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a blob into a partial file next to its final place. A broken connection is
 * dialled again and the transfer resumes where the partial file ends, up to a number of
 * attempts and the command's deadline; the partial file is kept across commands, so a new
 * upload of the same blob resumes too. The digest is checked over the whole file before
 * anyone may install it.
 */
final class BlobFetch {

	private static final Logger logger = LoggerFactory.getLogger(BlobFetch.class);

	static final int ATTEMPTS = 8;

	private final BrainDialer dialer;

	private final FrameCodec codec;

	private final Duration readTimeout;

	BlobFetch(BrainDialer dialer, FrameCodec codec, Duration readTimeout) {
		this.dialer = dialer;
		this.codec = codec;
		this.readTimeout = readTimeout;
	}

	/**
	 * Fills the partial file and checks it.
	 * @param spec the command
	 * @param part the partial file
	 * @param deadlineNanos {@link System#nanoTime()} after which no attempt starts
	 * @param cancelled whether the command was cancelled; checked between chunks
	 * @throws TransferFailedException if the blob cannot be fetched or does not match
	 */
	void fetch(FileReceiveSpec spec, Path part, long deadlineNanos, BooleanSupplier cancelled)
			throws TransferFailedException {
		Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), RandomGenerator.getDefault());
		IOException last = null;
		for (int attempt = 1; attempt <= ATTEMPTS && System.nanoTime() < deadlineNanos; attempt++) {
			try {
				long held = Files.exists(part) ? Files.size(part) : 0;
				if (held > spec.sizeBytes()) {
					Files.delete(part);
					held = 0;
				}
				if (held < spec.sizeBytes()) {
					pull(spec, part, held, cancelled);
				}
				verify(spec, part);
				return;
			}
			catch (TransferRefusedException ex) {
				throw new TransferFailedException("the brain refused the transfer: " + ex.getMessage(), ex);
			}
			catch (IOException ex) {
				last = ex;
				logger.info("fetching blob {} failed (attempt {} of {}): {}", spec.sha256(), attempt, ATTEMPTS,
						ex.getMessage());
				pause(backoff.next());
			}
		}
		throw new TransferFailedException("cannot fetch blob " + spec.sha256() + " from the brain after " + ATTEMPTS
				+ " attempts or the time limit: " + ((last != null) ? last.getMessage() : "no attempt"), last);
	}

	private void pull(FileReceiveSpec spec, Path part, long offset, BooleanSupplier cancelled)
			throws IOException, TransferFailedException {
		boolean compressed = this.dialer.compressesData();
		try (DataChannel channel = this.dialer.openData(new DataOpen(spec.token(), offset, 0, compressed), this.codec,
				this.readTimeout)) {
			DataReady ready = channel.reply(DataReady.class);
			if (ready.sizeBytes() != spec.sizeBytes()) {
				throw new TransferRefusedException(
						"the brain's blob has " + ready.sizeBytes() + " bytes, the command says " + spec.sizeBytes());
			}
			try (FileChannel file = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.APPEND); OutputStream out = Channels.newOutputStream(file)) {
				long remaining = spec.sizeBytes() - offset;
				InputStream in = compressed ? LinkCompression.inflating(channel.in()) : channel.in();
				byte[] buffer = new byte[64 * 1024];
				while (remaining > 0) {
					if (cancelled.getAsBoolean()) {
						// The partial file stays: a later
						// upload of the same blob resumes it.
						throw new TransferFailedException("cancelled");
					}
					int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
					if (read < 0) {
						throw new IOException("the brain's connection ended " + remaining + " bytes early");
					}
					remaining -= read;
					try {
						out.write(buffer, 0, read);
					}
					catch (IOException ex) {
						// The disk, not the link: another
						// attempt would fail the same way.
						throw new TransferFailedException("cannot write " + part + ": " + ex.getMessage(), ex);
					}
				}
				out.flush();
				file.force(true);
			}
		}
	}

	private static void verify(FileReceiveSpec spec, Path part) throws IOException, TransferFailedException {
		if (!Files.exists(part)) {
			Files.createFile(part);
		}
		String actual = Sha256.of(part);
		if (!actual.equals(spec.sha256())) {
			Files.deleteIfExists(part);
			throw new TransferFailedException(
					"checksum mismatch: expected sha256 " + spec.sha256() + ", got " + actual + "; nothing installed");
		}
	}

	private static void pause(Duration delay) {
		try {
			Thread.sleep(delay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
