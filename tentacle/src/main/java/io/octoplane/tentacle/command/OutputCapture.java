package io.octoplane.tentacle.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Reads one output stream of a child on its own thread, keeping at most {@code limit}
 * bytes and draining the rest. Draining matters: a child that fills a pipe nobody reads
 * blocks forever, and stdout and stderr must be read concurrently for the same reason.
 */
final class OutputCapture {

	private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

	private final int limit;

	private boolean truncated;

	private final @Nullable LiveOutput.Stream live;

	private final Thread thread;

	private OutputCapture(InputStream in, int limit, String name, LiveOutput.@Nullable Stream live) {
		this.limit = limit;
		this.live = live;
		this.thread = Thread.ofVirtual().name(name).start(() -> drain(in));
	}

	static OutputCapture start(InputStream in, int limit, String name) {
		return new OutputCapture(in, limit, name, null);
	}

	/**
	 * Like {@link #start(InputStream, int, String)}, also handing everything read (not
	 * only what is kept) to a live stream.
	 */
	static OutputCapture start(InputStream in, int limit, String name, LiveOutput.@Nullable Stream live) {
		return new OutputCapture(in, limit, name, live);
	}

	private void drain(InputStream in) {
		byte[] buffer = new byte[8192];
		try (in) {
			int read;
			while ((read = in.read(buffer)) != -1) {
				if (this.live != null) {
					this.live.offer(buffer, 0, read);
				}
				synchronized (this) {
					int room = this.limit - this.kept.size();
					this.kept.write(buffer, 0, Math.max(0, Math.min(read, room)));
					if (read > room) {
						this.truncated = true;
					}
				}
			}
		}
		catch (IOException ex) {
			// The pipe was closed under us (process
			// destroyed): what was read is the output.
		}
	}

	/**
	 * Waits for the end of the stream, but not longer than {@code timeout}: a grandchild
	 * may still hold the pipe open, and the result must not wait for it.
	 * @return whether the stream ended
	 */
	boolean await(Duration timeout) throws InterruptedException {
		return this.thread.join(timeout);
	}

	synchronized String text() {
		// Truncation may cut a multi-byte character; the decoder replaces the fragment.
		return this.kept.toString(StandardCharsets.UTF_8);
	}

	synchronized boolean truncated() {
		return this.truncated;
	}

}
