package io.octoplane.octl.daemon;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * Writes one call's frames to the caller from a thread of its own. The connection is an
 * interruptible channel, which closes when a thread writing to it is interrupted; the
 * command's thread is interrupted on purpose (Ctrl-C, a hang-up), so it hands its output
 * over and waits for it to be written instead of touching the channel itself.
 */
final class FrameWriter implements AutoCloseable {

	private final DataOutputStream out;

	private final ExecutorService thread = Executors
		.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("octl-call-writer").factory());

	FrameWriter(DataOutputStream out) {
		this.out = out;
	}

	void write(byte type, byte[] bytes, int offset, int length) throws IOException {
		byte[] copy = Arrays.copyOfRange(bytes, offset, offset + length);
		await(submit(() -> {
			DaemonFrames.write(this.out, type, copy, 0, copy.length);
			return null;
		}));
	}

	void signal(byte type) throws IOException {
		write(type, new byte[0], 0, 0);
	}

	void exit(int status) throws IOException {
		await(submit(() -> {
			DaemonFrames.exit(this.out, status);
			return null;
		}));
	}

	/**
	 * A stream whose writes travel as frames of one type.
	 * @param type {@link DaemonFrames#STDOUT} or {@link DaemonFrames#STDERR}
	 * @return the stream
	 */
	OutputStream stream(byte type) {
		return DaemonFrames.stream(this::write, type);
	}

	// A Ctrl-C handler may still print after the call ended: its words have no caller.
	private Future<?> submit(Callable<?> write) throws IOException {
		try {
			return this.thread.submit(write);
		}
		catch (RejectedExecutionException ex) {
			throw new IOException("the call is over", ex);
		}
	}

	@Override
	public void close() {
		this.thread.shutdown();
	}

	// A write takes no longer than the caller takes to read it, or fails at once when the
	// caller is gone, so waiting through an interrupt is short; the interrupt is kept
	// for the command to see.
	private static void await(Future<?> written) throws IOException {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					written.get();
					return;
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				catch (ExecutionException ex) {
					throw (ex.getCause() instanceof IOException io) ? io : new IOException(ex.getCause());
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
