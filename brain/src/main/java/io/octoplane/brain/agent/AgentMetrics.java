package io.octoplane.brain.agent;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Meters of the agent endpoint: connections held, heartbeats and their round-trip times,
 * frame bytes each way, and TLS handshakes that failed, by reason. Refusals of connected
 * peers go to {@link io.octoplane.brain.metrics.Refusals}.
 */
@Component
class AgentMetrics {

	private final MeterRegistry registry;

	private final Counter heartbeats;

	private final Timer rtt;

	private final Counter bytesIn;

	private final Counter bytesOut;

	private final Counter fullHandshakes;

	private final Counter resumedHandshakes;

	AgentMetrics(MeterRegistry registry, AgentSessions sessions) {
		this.registry = registry;
		Gauge.builder("octoplane.agent.connections", sessions, AgentSessions::size)
			.description("Tentacle connections held by this brain")
			.register(registry);
		this.heartbeats = Counter.builder("octoplane.agent.heartbeats")
			.description("Heartbeats received from tentacles")
			.register(registry);
		// Links range from a LAN to a geostationary satellite hop (~600 ms) behind a
		// retransmitting GSM modem; the buckets cover that span and no more.
		this.rtt = Timer.builder("octoplane.agent.rtt")
			.description("Round-trip time tentacles measured with their last heartbeat")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(30))
			.register(registry);
		this.bytesIn = traffic(registry, "in");
		this.bytesOut = traffic(registry, "out");
		this.fullHandshakes = handshakes(registry, "full");
		this.resumedHandshakes = handshakes(registry, "resumed");
		for (HandshakeFailure reason : HandshakeFailure.values()) {
			handshakeFailures(reason);
		}
	}

	private static Counter traffic(MeterRegistry registry, String direction) {
		return Counter.builder("octoplane.agent.traffic")
			.description("Frame bytes on tentacle control connections (TLS overhead excluded)")
			.baseUnit("bytes")
			.tag("direction", direction)
			.register(registry);
	}

	private static Counter handshakes(MeterRegistry registry, String kind) {
		return Counter.builder("octoplane.agent.tls.handshakes")
			.description("TLS handshakes completed on the agent port: full, or resumed from a session ticket")
			.tag("kind", kind)
			.register(registry);
	}

	void handshake(boolean resumed) {
		(resumed ? this.resumedHandshakes : this.fullHandshakes).increment();
	}

	private Counter handshakeFailures(HandshakeFailure reason) {
		return Counter.builder("octoplane.agent.tls.handshake.failures")
			.description("TLS handshakes on the agent port that failed, by reason")
			.tag("reason", reason.slug)
			.register(this.registry);
	}

	void admission(HandshakeAdmission admission) {
		Gauge.builder("octoplane.agent.handshakes.running", admission, HandshakeAdmission::running)
			.description("TLS handshakes running on the agent port")
			.register(this.registry);
		Gauge.builder("octoplane.agent.handshakes.waiting", admission, HandshakeAdmission::waiting)
			.description("Agent connections waiting for a TLS handshake turn")
			.register(this.registry);
	}

	void heartbeat(long rttMicros) {
		this.heartbeats.increment();
		// A tentacle reports 0 before it has measured anything; that is no sample.
		if (rttMicros > 0) {
			this.rtt.record(Duration.ofNanos(rttMicros * 1000));
		}
	}

	void handshakeFailed(Throwable failure) {
		handshakeFailed(HandshakeFailure.of(failure));
	}

	void handshakeFailed(HandshakeFailure reason) {
		handshakeFailures(reason).increment();
	}

	InputStream counted(InputStream in) {
		return new FilterInputStream(in) {

			@Override
			public int read() throws IOException {
				int value = super.read();
				if (value >= 0) {
					AgentMetrics.this.bytesIn.increment();
				}
				return value;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				int count = super.read(buffer, offset, length);
				if (count > 0) {
					AgentMetrics.this.bytesIn.increment(count);
				}
				return count;
			}

		};
	}

	OutputStream counted(OutputStream out) {
		return new FilterOutputStream(out) {

			@Override
			public void write(int value) throws IOException {
				this.out.write(value);
				AgentMetrics.this.bytesOut.increment();
			}

			@Override
			public void write(byte[] buffer, int offset, int length) throws IOException {
				// FilterOutputStream would write byte by byte, one TLS record each.
				this.out.write(buffer, offset, length);
				AgentMetrics.this.bytesOut.increment(length);
			}

		};
	}

	/** The {@code reason} label of failed handshakes. */
	enum HandshakeFailure {

		/** The client sent no certificate although one is required. */
		NO_CERTIFICATE("no-certificate"),

		/** The certificate's validity period is over. */
		EXPIRED("expired"),

		/** The certificate's validity period has not begun. */
		NOT_YET_VALID("not-yet-valid"),

		/** The certificate does not chain to the fleet CA. */
		UNTRUSTED("untrusted"),

		/** The handshake did not finish before the handshake timeout. */
		TIMEOUT("timeout"),

		/** Anything else: no common protocol or cipher, garbage instead of TLS. */
		PROTOCOL("protocol");

		private final String slug;

		HandshakeFailure(String slug) {
			this.slug = slug;
		}

		static HandshakeFailure of(Throwable failure) {
			// The validity problem sits deepest in the chain, under the path validation
			// failure that wraps it, so look through the whole chain for it first.
			for (@Nullable
			Throwable cause = failure; cause != null; cause = cause.getCause()) {
				if (cause instanceof CertificateExpiredException || (cause instanceof CertPathValidatorException path
						&& path.getReason() == CertPathValidatorException.BasicReason.EXPIRED)) {
					return EXPIRED;
				}
				if (cause instanceof CertificateNotYetValidException
						|| (cause instanceof CertPathValidatorException path
								&& path.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID)) {
					return NOT_YET_VALID;
				}
			}
			for (@Nullable
			Throwable cause = failure; cause != null; cause = cause.getCause()) {
				if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException) {
					return UNTRUSTED;
				}
			}
			// JSSE raises a bare SSLException for a missing client certificate; its
			// message is the only thing that tells it from other handshake failures.
			String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
			if (message.contains("empty client certificate chain")) {
				return NO_CERTIFICATE;
			}
			return PROTOCOL;
		}

	}

}
