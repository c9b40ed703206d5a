package io.octoplane.tentacle.connection;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.octoplane.protocol.agent.AgentMessage;
import io.octoplane.protocol.agent.BrainMessage;
import io.octoplane.protocol.agent.CancelCommand;
import io.octoplane.protocol.agent.CertificateRenewed;
import io.octoplane.protocol.agent.DataReady;
import io.octoplane.protocol.agent.DataReceived;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.Goodbye;
import io.octoplane.protocol.agent.HeartbeatAck;
import io.octoplane.protocol.agent.Hello;
import io.octoplane.protocol.agent.LinkCompression;
import io.octoplane.protocol.agent.NodeStatus;
import io.octoplane.protocol.agent.OpenTunnel;
import io.octoplane.protocol.agent.ProtocolException;
import io.octoplane.protocol.agent.ResultAck;
import io.octoplane.protocol.agent.RunCommand;
import io.octoplane.protocol.agent.SparseAcks;
import io.octoplane.protocol.agent.UnknownMessageException;
import io.octoplane.protocol.agent.Welcome;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted control connection to the brain. {@link #open} dials and completes the
 * Hello/Welcome handshake; {@link #run} then reads frames on the calling thread while a
 * virtual thread sends heartbeats, until the link fails, the brain says Goodbye or
 * {@link #close} is called. Command frames are handed to a {@link CommandListener} that
 * must not block.
 *
 * <p>
 * {@link #send} may be called from any thread: writes are serialised by a lock so frames
 * never interleave on the wire.
 */
public final class AgentConnection implements Closeable {

	private static final Logger logger = LoggerFactory.getLogger(AgentConnection.class);

	private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);

	private final TlsLink link;

	private final InputStream in;

	private final OutputStream out;

	private final FrameCodec codec;

	private final Welcome welcome;

	private final ReentrantLock writeLock = new ReentrantLock();

	private final CountDownLatch closed = new CountDownLatch(1);

	private final HeartbeatClock heartbeats;

	private final int deadAfterIntervals;

	private volatile @Nullable IOException failure;

	private AgentConnection(TlsLink link, FrameCodec codec, Hello hello, Welcome welcome, Clock clock,
			ClockEstimate estimate) throws IOException {
		this.link = link;
		// The brain switched its streams right after writing Welcome; so do we, before
		// any frame of ours follows.
		LinkCompression compression = welcome.compression();
		InputStream rawIn = link.tls().getInputStream();
		OutputStream rawOut = link.tls().getOutputStream();
		this.in = (compression != null && compression.down()) ? LinkCompression.inflating(rawIn) : rawIn;
		this.out = (compression != null) ? LinkCompression.deflating(rawOut) : rawOut;
		this.codec = codec;
		this.welcome = welcome;
		this.heartbeats = new HeartbeatClock(clock, welcome.heartbeatIntervalMillis(), estimate);
		// A brain that answers sparsely may leave one heartbeat unanswered: the silence
		// allowed grows by one interval, so a late heartbeat is tolerated as before.
		this.deadAfterIntervals = SparseAcks
			.deadAfterIntervals(SparseAcks.agreed(hello.capabilities(), welcome.capabilities()));
	}

	/**
	 * Dials the brain, sends Hello and waits for Welcome within the dialer's timeout.
	 * @param dialer the dialer
	 * @param codec the frame codec
	 * @param hello what this tentacle is
	 * @param clock the tentacle clock (heartbeat t1)
	 * @return the accepted connection
	 * @throws BrainRefusedException if the brain answered Goodbye
	 * @throws IOException if the brain is unreachable, the handshake fails or no Welcome
	 * came in time
	 */
	public static AgentConnection open(BrainDialer dialer, FrameCodec codec, Hello hello, Clock clock)
			throws IOException {
		return open(dialer, codec, hello, clock, new ClockEstimate());
	}

	/**
	 * Dials the brain, sends Hello and waits for Welcome within the dialer's timeout.
	 * @param dialer the dialer
	 * @param codec the frame codec
	 * @param hello what this tentacle is
	 * @param clock the tentacle clock (heartbeat t1)
	 * @param estimate updated with the clock offset of every heartbeat exchange
	 * @return the accepted connection
	 * @throws BrainRefusedException if the brain answered Goodbye
	 * @throws IOException if the brain is unreachable, the handshake fails or no Welcome
	 * came in time
	 */
	public static AgentConnection open(BrainDialer dialer, FrameCodec codec, Hello hello, Clock clock,
			ClockEstimate estimate) throws IOException {
		TlsLink link = dialer.dial();
		try {
			codec.write(link.tls().getOutputStream(), hello);
			BrainMessage answer;
			try {
				answer = codec.read(link.tls().getInputStream(), BrainMessage.class);
			}
			catch (SocketTimeoutException ex) {
				throw new SocketTimeoutException("brain " + dialer.brain() + " sent no Welcome in time");
			}
			return switch (answer) {
				case Welcome welcome -> new AgentConnection(link, codec, hello, welcome, clock, estimate);
				case Goodbye goodbye -> throw new BrainRefusedException(goodbye.reason(), goodbye.retry());
				case HeartbeatAck ack -> throw new ProtocolException("expected Welcome, got HeartbeatAck");
				case RunCommand command -> throw new ProtocolException("expected Welcome, got RunCommand");
				case CancelCommand cancel -> throw new ProtocolException("expected Welcome, got CancelCommand");
				case ResultAck ack -> throw new ProtocolException("expected Welcome, got ResultAck");
				case CertificateRenewed renewed ->
					throw new ProtocolException("expected Welcome, got CertificateRenewed");
				case DataReady ready -> throw new ProtocolException("expected Welcome, got DataReady");
				case DataReceived received -> throw new ProtocolException("expected Welcome, got DataReceived");
				case OpenTunnel tunnel -> throw new ProtocolException("expected Welcome, got OpenTunnel");
			};
		}
		catch (IOException | RuntimeException ex) {
			link.tcp().close();
			throw ex;
		}
	}

	/** The brain's Welcome: our node name and the first heartbeat interval. */
	public Welcome welcome() {
		return this.welcome;
	}

	/**
	 * Sends heartbeats and dispatches the brain's frames until the connection ends,
	 * ignoring certificates the tentacle did not ask for.
	 * @param status supplies the status for each heartbeat; may return {@code null}
	 * @param commands receives each RunCommand, CancelCommand and ResultAck; must hand it
	 * off, not act on it
	 * @throws LinkDeadException if nothing arrived for three heartbeat intervals (four
	 * with {@link SparseAcks sparse acknowledgements})
	 * @throws BrainRefusedException if the brain said Goodbye
	 * @throws IOException if the link failed; returns normally only after {@link #close}
	 */
	public void run(Supplier<@Nullable NodeStatus> status, CommandListener commands) throws IOException {
		run(status, commands, (renewed) -> logger.warn("ignoring a certificate the tentacle did not ask for"),
				(tunnel) -> logger.warn("ignoring a tunnel request to {}:{}: tunnels are not served here",
						tunnel.host(), tunnel.port()));
	}

	/**
	 * Sends heartbeats and dispatches the brain's frames until the connection ends.
	 * @param status supplies the status for each heartbeat (called on the heartbeat
	 * thread once per interval); may return {@code null}
	 * @param commands receives each RunCommand, CancelCommand and ResultAck; must hand it
	 * off, not act on it
	 * @param renewals receives each CertificateRenewed; must hand it off, not act on it
	 * @param tunnels receives each OpenTunnel; must hand it off, not act on it
	 * @throws LinkDeadException if nothing arrived for three heartbeat intervals (four
	 * with {@link SparseAcks sparse acknowledgements})
	 * @throws BrainRefusedException if the brain said Goodbye
	 * @throws IOException if the link failed; returns normally only after {@link #close}
	 */
	public void run(Supplier<@Nullable NodeStatus> status, CommandListener commands,
			Consumer<CertificateRenewed> renewals, Consumer<OpenTunnel> tunnels) throws IOException {
		Thread sender = Thread.ofVirtual().name("tentacle-heartbeat").start(() -> sendHeartbeats(status));
		try {
			readTimeout(this.welcome.heartbeatIntervalMillis());
			while (true) {
				BrainMessage message = read();
				switch (message) {
					case HeartbeatAck ack -> readTimeout(this.heartbeats.acknowledged(ack, System.nanoTime()));
					case RunCommand command -> commands.run(command);
					case CancelCommand cancel -> commands.cancel(cancel);
					case ResultAck ack -> commands.acknowledged(ack);
					case Goodbye goodbye -> throw new BrainRefusedException(goodbye.reason(), goodbye.retry());
					case Welcome again -> logger.warn("ignoring a second Welcome from the brain");
					case CertificateRenewed renewed -> renewals.accept(renewed);
					case OpenTunnel tunnel -> tunnels.accept(tunnel);
					case DataReady ready -> throw new ProtocolException("data frames belong on a data connection");
					case DataReceived received ->
						throw new ProtocolException("data frames belong on a data connection");
				}
			}
		}
		catch (IOException ex) {
			if (this.closed.getCount() == 0) {
				return;
			}
			IOException cause = this.failure;
			throw (cause != null) ? cause : ex;
		}
		finally {
			closeLink();
			joinQuietly(sender);
		}
	}

	/**
	 * Sends one message.
	 * @param message the message
	 * @throws IOException if the link failed or the message exceeds the frame limit
	 */
	public void send(AgentMessage message) throws IOException {
		this.writeLock.lock();
		try {
			this.codec.write(this.out, message);
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/** Closes the connection; {@link #run} then returns. Idempotent, never blocks. */
	@Override
	public void close() {
		this.closed.countDown();
		closeLink();
	}

	private BrainMessage read() throws IOException {
		try {
			while (true) {
				try {
					return this.codec.read(this.in, BrainMessage.class);
				}
				catch (UnknownMessageException ex) {
					// A newer brain asked for something this tentacle cannot do; it
					// notices the missing answer, the connection stays up.
					logger.warn("ignoring a frame from the brain: {}", ex.getMessage());
				}
			}
		}
		catch (SocketTimeoutException ex) {
			throw new LinkDeadException(
					"no frame from the brain for " + this.deadAfterIntervals * this.heartbeats.intervalMillis()
							+ " ms (" + this.deadAfterIntervals + " heartbeat intervals); the link is dead");
		}
	}

	private void readTimeout(long intervalMillis) throws IOException {
		this.link.tls().setSoTimeout((int) Math.min(Integer.MAX_VALUE, this.deadAfterIntervals * intervalMillis));
	}

	private void sendHeartbeats(Supplier<@Nullable NodeStatus> status) {
		try {
			do {
				NodeStatus sample = status.get();
				send(this.heartbeats.next(sample, System.nanoTime()));
			}
			while (!this.closed.await(this.heartbeats.intervalMillis(), TimeUnit.MILLISECONDS));
		}
		catch (IOException ex) {
			// The reader is blocked on the socket; closing it wakes the reader,
			// which reports this failure rather than the "socket closed" it sees.
			this.failure = ex;
			closeLink();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void closeLink() {
		try {
			this.link.tcp().close();
		}
		catch (IOException ex) {
			logger.debug("closing the brain socket failed", ex);
		}
	}

	private void joinQuietly(Thread thread) {
		this.closed.countDown();
		try {
			if (!thread.join(JOIN_TIMEOUT)) {
				logger.warn("heartbeat thread did not stop within {}", JOIN_TIMEOUT);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
