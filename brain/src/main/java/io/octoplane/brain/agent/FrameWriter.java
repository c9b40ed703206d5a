package io.octoplane.brain.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.octoplane.protocol.agent.BrainMessage;
import io.octoplane.protocol.agent.FrameCodec;
import org.jspecify.annotations.Nullable;

/**
 * The one way bytes go to a node, on every kind of connection: frames are written whole
 * under a lock, so writers on many threads never interleave, and every write, of a frame
 * or of a data connection's bulk bytes, runs under a deadline. A node that stops reading
 * fills its TCP window and would block the writer, and every writer behind it, for ever;
 * when a deadline passes the watchdog calls {@code onStuck}, which cuts the link.
 */
final class FrameWriter {

	private final FrameCodec codec;

	private final ScheduledExecutorService watchdog;

	private final long timeoutMillis;

	private final Runnable onStuck;

	private final ReentrantLock lock = new ReentrantLock();

	private final OutputStreamSource fallback;

	private volatile @Nullable OutputStream out;

	FrameWriter(OutputStreamSource fallback, FrameCodec codec, ScheduledExecutorService watchdog, Duration timeout,
			Runnable onStuck) {
		this.fallback = fallback;
		this.codec = codec;
		this.watchdog = watchdog;
		this.timeoutMillis = timeout.toMillis();
		this.onStuck = onStuck;
	}

	/** Writes to this stream from now on (the connection's, with byte counting). */
	void useOutput(OutputStream stream) {
		this.out = stream;
	}

	/**
	 * Writes one frame encoded once for many connections ({@link FrameCodec#encode});
	 * waits for writers before it.
	 * @param frame the encoded frame
	 * @throws IOException if the connection is broken
	 */
	void writeEncoded(byte[] frame) throws IOException {
		this.lock.lock();
		try {
			writeGuarded(frame);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Writes one frame if the writers before it finish within {@code wait}; for a last
	 * word before closing, which must not hang on a stuck writer.
	 * @param message the frame
	 * @param wait how long to wait for the lock
	 * @return whether the frame was written
	 */
	boolean tryWrite(BrainMessage message, Duration wait) {
		byte[] frame;
		try {
			frame = this.codec.encode(message);
		}
		catch (IOException ex) {
			return false;
		}
		try {
			if (!this.lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
				return false;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		try {
			writeGuarded(frame);
			return true;
		}
		catch (IOException ex) {
			// The peer is gone or going; the caller closes.
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Wraps a data connection's raw output so that each write runs under the deadline.
	 * @param raw the stream
	 * @return the guarded stream
	 */
	OutputStream guard(OutputStream raw) {
		return new GuardedOutput(raw);
	}

	private void writeGuarded(byte[] frame) throws IOException {
		ScheduledFuture<?> guard = deadline();
		try {
			this.codec.writeEncoded(output(), frame);
		}
		finally {
			guard.cancel(false);
		}
	}

	private ScheduledFuture<?> deadline() {
		return this.watchdog.schedule(this.onStuck, this.timeoutMillis, TimeUnit.MILLISECONDS);
	}

	private OutputStream output() throws IOException {
		OutputStream stream = this.out;
		return (stream != null) ? stream : this.fallback.get();
	}

	/** The connection's own output, before the counted one is in place. */
	@FunctionalInterface
	interface OutputStreamSource {

		OutputStream get() throws IOException;

	}

	private final class GuardedOutput extends OutputStream {

		private final OutputStream raw;

		GuardedOutput(OutputStream raw) {
			this.raw = raw;
		}

		@Override
		public void write(int value) throws IOException {
			write(new byte[] { (byte) value }, 0, 1);
		}

		@Override
		public void write(byte[] buffer, int offset, int length) throws IOException {
			ScheduledFuture<?> guard = deadline();
			try {
				this.raw.write(buffer, offset, length);
			}
			finally {
				guard.cancel(false);
			}
		}

		@Override
		public void flush() throws IOException {
			this.raw.flush();
		}

	}

}
