package io.octoplane.brain.agent;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Admission to the TLS handshake on the agent port. A handshake costs milliseconds of CPU
 * (key exchange, signatures, path validation); ten thousand tentacles redialling a
 * restarted brain at once would otherwise all handshake at the same time, each finish
 * late, many after their own timeouts, and starve the REST API besides. Here at most
 * {@code concurrent} handshakes run at once; further connections wait their turn in
 * arrival order, but not for long and no more than {@code queue} of them: beyond that a
 * connection is refused at once, so its tentacle backs off instead of waiting in vain.
 *
 * <p>
 * Thread-safe.
 */
final class HandshakeAdmission {

	private final int concurrent;

	private final Semaphore permits;

	private final int queue;

	private final AtomicInteger waiting = new AtomicInteger();

	HandshakeAdmission(int concurrent, int queue) {
		if (concurrent < 1) {
			throw new IllegalArgumentException("concurrent must be at least 1");
		}
		if (queue < 0) {
			throw new IllegalArgumentException("queue must not be negative");
		}
		this.concurrent = concurrent;
		// Fair: the connection that waited longest is the one whose tentacle gives up
		// first.
		this.permits = new Semaphore(concurrent, true);
		this.queue = queue;
	}

	/**
	 * Waits for a turn to handshake.
	 * @param wait how long at most
	 * @return the turn, to be released once the connection is routed or over; or
	 * {@code null} if the queue is full or the wait ran out
	 * @throws InterruptedException if interrupted while waiting
	 */
	@Nullable Turn enter(Duration wait) throws InterruptedException {
		if (this.permits.tryAcquire()) {
			return new Turn();
		}
		if (this.waiting.incrementAndGet() > this.queue) {
			this.waiting.decrementAndGet();
			return null;
		}
		try {
			return this.permits.tryAcquire(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS) ? new Turn() : null;
		}
		finally {
			this.waiting.decrementAndGet();
		}
	}

	/** Connections waiting for a turn now. */
	int waiting() {
		return this.waiting.get();
	}

	/** Handshakes running now. */
	int running() {
		return this.concurrent - this.permits.availablePermits();
	}

	/** One connection's turn; releasing it twice releases it once. */
	final class Turn {

		private final AtomicBoolean released = new AtomicBoolean();

		void release() {
			if (this.released.compareAndSet(false, true)) {
				HandshakeAdmission.this.permits.release();
			}
		}

	}

}
