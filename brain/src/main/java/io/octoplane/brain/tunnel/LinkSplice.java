package io.octoplane.brain.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

import io.octoplane.brain.agent.TunnelEndpoint.Link;
import io.octoplane.protocol.api.TunnelStream;

/**
 * Joins two sides of a tunnel on a brain that only passes its bytes on. Each direction is
 * a blocking copy through one small buffer: a side that reads slowly stops the copy, the
 * copy stops reading the other side, and TCP tells the sender to wait, so nothing piles
 * up here. An end of stream is passed on as a half-close; a break on either side resets
 * both, so neither end takes a cut stream for a whole one.
 */
final class LinkSplice {

	private LinkSplice() {
	}

	/**
	 * Copies both ways until both directions ended or one broke; returns then.
	 * @param one one side
	 * @param other the other side
	 * @param name names the thread of the second direction
	 * @return whether both directions ended cleanly (the caller then closes both)
	 */
	static boolean run(Link one, Link other, String name) {
		AtomicBoolean broken = new AtomicBoolean();
		Thread back = Thread.ofVirtual().name(name).start(() -> copy(other, one, broken));
		copy(one, other, broken);
		try {
			back.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			breakBoth(one, other, broken);
		}
		return !broken.get();
	}

	private static void copy(Link from, Link to, AtomicBoolean broken) {
		byte[] buffer = new byte[TunnelStream.MAX_MESSAGE_BYTES];
		try {
			InputStream in = from.in();
			OutputStream out = to.out();
			int read;
			while ((read = in.read(buffer)) >= 0) {
				out.write(buffer, 0, read);
				out.flush();
			}
			to.shutdownOutput();
		}
		catch (IOException | RuntimeException ex) {
			breakBoth(from, to, broken);
		}
	}

	private static void breakBoth(Link one, Link other, AtomicBoolean broken) {
		if (broken.compareAndSet(false, true)) {
			one.abort();
			other.abort();
		}
	}

}
