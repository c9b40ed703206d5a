package io.octoplane.e2e.support;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How a stream that should break ends: a tunnel whose brain or node went away must fail
 * its reader with an error, not end as if the service closed it, and not hang.
 */
public final class StreamEnds {

	private StreamEnds() {
	}

	/**
	 * Reads the stream to its end on another thread.
	 * @param in the stream
	 * @param wait the longest wait
	 * @return whether reading failed with an error within the wait
	 * @throws InterruptedException if the waiting thread was interrupted
	 */
	public static boolean failsWithin(InputStream in, Duration wait) throws InterruptedException {
		AtomicBoolean failed = new AtomicBoolean();
		Thread reader = Thread.ofVirtual().start(() -> {
			try {
				in.readAllBytes();
			}
			catch (IOException ex) {
				failed.set(true);
			}
		});
		return reader.join(wait) && failed.get();
	}

}
