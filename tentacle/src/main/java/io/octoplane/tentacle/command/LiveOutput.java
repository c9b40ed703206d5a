package io.octoplane.tentacle.command;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import io.octoplane.protocol.agent.CommandOutput;

/**
 * Streams a running command's output as {@link CommandOutput} chunks: at most
 * {@value #CHUNK_BYTES} bytes each, sent at least every {@link #FLUSH_INTERVAL} while
 * there is new output, never splitting a UTF-8 character, numbered from 0 per stream.
 *
 * <p>
 * The readers of the process's pipes only append to a bounded buffer and never wait: a
 * pump thread does the sending, so a slow link stalls the pump, not the process. What
 * does not fit in the buffer is dropped and counted.
 */
final class LiveOutput {

	static final int CHUNK_BYTES = 16 * 1024;

	static final Duration FLUSH_INTERVAL = Duration.ofMillis(200);

	static final int BUFFER_BYTES = 256 * 1024;

	private final String commandId;

	private final OutputSink sink;

	private final Stream stdout;

	private final Stream stderr;

	private final AtomicLong dropped = new AtomicLong();

	private final Object signal = new Object();

	private final Thread pump;

	private boolean closing;

	private boolean wakeUp;

	private volatile boolean abandoned;

	private LiveOutput(String commandId, OutputSink sink, int bufferBytes) {
		this.commandId = commandId;
		this.sink = sink;
		this.stdout = new Stream("stdout", bufferBytes);
		this.stderr = new Stream("stderr", bufferBytes);
		this.pump = Thread.ofVirtual().name("command-" + commandId + "-live").start(this::pump);
	}

	static LiveOutput start(String commandId, OutputSink sink) {
		return new LiveOutput(commandId, sink, BUFFER_BYTES);
	}

	static LiveOutput start(String commandId, OutputSink sink, int bufferBytes) {
		return new LiveOutput(commandId, sink, bufferBytes);
	}

	Stream stdout() {
		return this.stdout;
	}

	Stream stderr() {
		return this.stderr;
	}

	/** Bytes that did not fit in the buffer, or were still unsent at the end. */
	long droppedBytes() {
		return this.dropped.get();
	}

	/**
	 * Sends what is left and stops, waiting at most {@code timeout}: the result must not
	 * wait long for a slow link. Call after the pipes have been read to the end.
	 */
	void finish(Duration timeout) throws InterruptedException {
		synchronized (this.signal) {
			this.closing = true;
			this.signal.notifyAll();
		}
		if (!this.pump.join(timeout)) {
			// Interrupting would close the brain socket under a blocked write; the pump
			// sees this flag after its current send and stops.
			this.abandoned = true;
		}
	}

	private void pump() {
		try {
			while (true) {
				boolean last;
				synchronized (this.signal) {
					last = this.closing;
				}
				this.stdout.flush(last);
				this.stderr.flush(last);
				if (last || this.abandoned) {
					return;
				}
				synchronized (this.signal) {
					if (!this.closing && !this.wakeUp) {
						this.signal.wait(FLUSH_INTERVAL.toMillis());
					}
					this.wakeUp = false;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void wakeUp() {
		synchronized (this.signal) {
			this.wakeUp = true;
			this.signal.notifyAll();
		}
	}

	/**
	 * The end of a chunk that starts at {@code from} and may reach {@code end}, moved
	 * back so it does not cut a UTF-8 character; {@code from} if the bytes hold only the
	 * start of one character.
	 */
	static int characterBoundary(byte[] bytes, int from, int end) {
		for (int i = end - 1; i >= Math.max(from, end - 4); i--) {
			int b = bytes[i] & 0xFF;
			if ((b & 0xC0) == 0x80) {
				continue;
			}
			int length = (b < 0x80) ? 1
					: ((b & 0xE0) == 0xC0) ? 2 : ((b & 0xF0) == 0xE0) ? 3 : ((b & 0xF8) == 0xF0) ? 4 : 1;
			return (i + length > end) ? i : end;
		}
		// Only continuation bytes: not UTF-8 anyway, the decoder will replace them.
		return end;
	}

	/** One pipe's buffer, written by its reader and drained by the pump. */
	final class Stream {

		private final String name;

		private final int capacity;

		private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

		// Pump-only state: the start of a character cut by the last read, and the
		// number of the next chunk.
		private byte[] carry = new byte[0];

		private long seq;

		private Stream(String name, int capacity) {
			this.name = name;
			this.capacity = capacity;
		}

		/** Appends output without ever waiting; drops what does not fit. */
		void offer(byte[] bytes, int offset, int length) {
			boolean full;
			synchronized (this) {
				int room = this.capacity - this.pending.size();
				int kept = Math.max(0, Math.min(room, length));
				this.pending.write(bytes, offset, kept);
				if (kept < length) {
					LiveOutput.this.dropped.addAndGet(length - kept);
				}
				full = this.pending.size() >= CHUNK_BYTES;
			}
			if (full) {
				wakeUp();
			}
		}

		private synchronized byte[] take() {
			byte[] taken = this.pending.toByteArray();
			this.pending.reset();
			return taken;
		}

		private void flush(boolean last) {
			byte[] taken = take();
			byte[] data = (this.carry.length == 0) ? taken : concat(this.carry, taken);
			int position = 0;
			while (position < data.length) {
				if (LiveOutput.this.abandoned) {
					LiveOutput.this.dropped.addAndGet(data.length - position);
					this.carry = new byte[0];
					return;
				}
				int end = Math.min(data.length, position + CHUNK_BYTES);
				if (end < data.length || !last) {
					end = characterBoundary(data, position, end);
				}
				if (end == position) {
					break;
				}
				String text = new String(data, position, end - position, StandardCharsets.UTF_8);
				LiveOutput.this.sink.send(new CommandOutput(LiveOutput.this.commandId, this.name, this.seq++, text));
				position = end;
			}
			this.carry = Arrays.copyOfRange(data, position, data.length);
		}

		private static byte[] concat(byte[] first, byte[] second) {
			byte[] joined = Arrays.copyOf(first, first.length + second.length);
			System.arraycopy(second, 0, joined, first.length, second.length);
			return joined;
		}

	}

}
