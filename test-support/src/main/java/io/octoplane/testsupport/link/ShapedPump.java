package io.octoplane.testsupport.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * One direction of a shaped relay: a reader cuts the stream into segments and stamps each
 * with the time it would arrive over a {@link LinkShape} (queued behind the segments
 * before it at the link's bandwidth, plus the delay, plus a retransmission timeout if it
 * is "lost"); the writer hands each over at that time. The queue between them is short,
 * so a sender faster than the link is held back, as a TCP window would hold it.
 */
final class ShapedPump {

	/** Segments in flight each way: about 93 KiB, a modest TCP window. */
	private static final int WINDOW_SEGMENTS = 64;

	private static final byte[] END = new byte[0];

	private static final int STALL_SECONDS = 120;

	private final LinkShape shape;

	private final RandomGenerator random;

	private final BlockingQueue<Segment> queue = new ArrayBlockingQueue<>(WINDOW_SEGMENTS);

	/** Set once the writer stopped early: the reader then stops waiting for room. */
	private volatile boolean abandoned;

	private long lastDeparture;

	private long lastArrival;

	/** Set when the writer gave up: the reader must not wait for room any more. */
	private volatile boolean writerGone;

	ShapedPump(LinkShape shape, long salt) {
		this.shape = shape;
		this.random = RandomGeneratorFactory.of("L64X128MixRandom").create(shape.seed() ^ salt);
	}

	/**
	 * Reads segments until the end of the stream and queues them; runs on its own thread.
	 * @param in the stream to read
	 * @throws IOException if reading fails; the writer then sees the end too
	 */
	void read(InputStream in) throws IOException {
		byte[] buffer = new byte[LinkShape.SEGMENT_BYTES];
		try {
			int read;
			while ((read = in.read(buffer)) != -1) {
				enqueue(Arrays.copyOf(buffer, read));
			}
		}
		finally {
			enqueue(END);
		}
	}

	/**
	 * Hands queued segments over at their arrival times until the end of the stream.
	 * @param out where they arrive
	 * @param bytes counts the bytes written
	 * @return whether the stream ended normally
	 * @throws IOException if writing fails
	 */
	boolean write(OutputStream out, AtomicLong bytes) throws IOException {
		boolean ended = false;
		try {
			ended = deliver(out, bytes);
			return ended;
		}
		finally {
			if (!ended) {
				// A reader waiting for room would otherwise hang until its stall limit.
				this.writerGone = true;
				this.queue.clear();
			}
		}
	}

	private boolean deliver(OutputStream out, AtomicLong bytes) throws IOException {
		while (true) {
			Segment segment;
			try {
				segment = this.queue.take();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			if (segment.bytes() == END) {
				return true;
			}
			long wait = segment.arrivalNanos() - System.nanoTime();
			// Emulating the wire's delay is the one wait here: nothing is polled.
			while (wait > 0) {
				LockSupport.parkNanos(wait);
				wait = segment.arrivalNanos() - System.nanoTime();
			}
			out.write(segment.bytes());
			out.flush();
			bytes.addAndGet(segment.bytes().length);
		}
	}

	/**
	 * The writer stopped before the end (its side was reset): the queue is emptied and
	 * the reader fails its next step instead of waiting for room that never comes, so the
	 * relay's threads end with the relay.
	 */
	void abandon() {
		this.abandoned = true;
		this.queue.clear();
	}

	private void enqueue(byte[] bytes) throws IOException {
		if (this.abandoned) {
			throw new IOException("the shaped link's other end is gone");
		}
		long now = System.nanoTime();
		long departure = Math.max(now, this.lastDeparture) + this.shape.transmitNanos(bytes.length);
		this.lastDeparture = departure;
		long arrival = departure + this.shape.oneWayDelay().toNanos();
		if (bytes.length > 0 && this.random.nextDouble() < this.shape.lossRate()) {
			arrival += this.shape.retransmitNanos();
		}
		// In order, as TCP delivers: a late segment holds up those behind it.
		arrival = Math.max(arrival, this.lastArrival);
		this.lastArrival = arrival;
		try {
			// Bounded: a writer that died leaves the queue full, and the relay is being
			// reset then anyway; waiting in short steps notices that at once.
			Segment segment = new Segment(bytes, arrival);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STALL_SECONDS);
			while (!this.queue.offer(segment, 50, TimeUnit.MILLISECONDS)) {
				if (this.writerGone) {
					throw new IOException("the other end of the shaped link is gone");
				}
				if (System.nanoTime() > deadline) {
					throw new IOException("shaped link stalled for " + STALL_SECONDS + "s");
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

	private record Segment(byte[] bytes, long arrivalNanos) {
	}

}
