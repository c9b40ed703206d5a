package io.octoplane.testsupport.link;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link FaultyLink} shapes the bytes it relays, to stand in for a thin link
 * (satellite, GSM): a one-way delay, a bandwidth and a segment loss rate, the same in
 * both directions. The link relays a TCP stream, so a lost segment cannot vanish: it
 * arrives one retransmission timeout late, which is what TCP makes of a loss, and holds
 * up everything behind it, as TCP's in-order delivery does.
 *
 * @param oneWayDelay added to every segment each way (half the round trip); not negative
 * @param bitsPerSecond bandwidth each way; positive
 * @param lossRate share of segments that arrive a retransmission timeout late, 0 to 1
 * @param seed seed of the loss draws, so a run can be repeated
 */
public record LinkShape(Duration oneWayDelay, long bitsPerSecond, double lossRate, long seed) {

	/** Bytes per segment, as on an Ethernet path. */
	static final int SEGMENT_BYTES = 1460;

	public LinkShape {
		Objects.requireNonNull(oneWayDelay, "oneWayDelay must not be null");
		if (oneWayDelay.isNegative()) {
			throw new IllegalArgumentException("oneWayDelay must not be negative");
		}
		if (bitsPerSecond <= 0) {
			throw new IllegalArgumentException("bitsPerSecond must be positive");
		}
		if (lossRate < 0 || lossRate > 1) {
			throw new IllegalArgumentException("lossRate must be between 0 and 1");
		}
	}

	/**
	 * A link with a round trip time and a bandwidth, without loss.
	 * @param roundTrip the round trip time
	 * @param bitsPerSecond the bandwidth each way
	 * @return the shape
	 */
	public static LinkShape of(Duration roundTrip, long bitsPerSecond) {
		return new LinkShape(roundTrip.dividedBy(2), bitsPerSecond, 0, 1);
	}

	/**
	 * The same link losing a share of its segments.
	 * @param rate share of segments lost, 0 to 1
	 * @return the shape
	 */
	public LinkShape withLoss(double rate) {
		return new LinkShape(this.oneWayDelay, this.bitsPerSecond, rate, this.seed);
	}

	/** How long a segment of this many bytes takes to go onto the wire, nanoseconds. */
	long transmitNanos(int bytes) {
		return bytes * 8L * 1_000_000_000L / this.bitsPerSecond;
	}

	/**
	 * TCP's retransmission timeout for this round trip: the round trip plus a margin, at
	 * least TCP's 200 ms minimum.
	 */
	long retransmitNanos() {
		return Math.max(200_000_000L, this.oneWayDelay.toNanos() * 2 + 200_000_000L);
	}

}
