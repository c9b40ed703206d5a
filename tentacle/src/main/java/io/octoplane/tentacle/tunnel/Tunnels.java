package io.octoplane.tentacle.tunnel;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.LinkSockets;
import io.octoplane.protocol.agent.OpenTunnel;
import io.octoplane.protocol.agent.TunnelAttach;
import io.octoplane.tentacle.connection.BrainDialer;
import io.octoplane.tentacle.connection.DataChannel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the tunnels the brain asks for, each on a virtual thread of its own: connects to
 * the service, then dials a data connection that reports the outcome and, on success,
 * carries the bytes until both sides are done.
 *
 * <p>
 * Tunnels give an operator no power a command could not: whoever may open one may also
 * run commands on the node. They are bounded in number so that a flood of requests cannot
 * exhaust the node's sockets.
 */
public final class Tunnels implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Tunnels.class);

	/** Most tunnels open at once; more are refused with a reason. */
	static final int MAX_OPEN = 64;

	private final BrainDialer dialer;

	private final FrameCodec codec;

	private final Duration connectTimeout;

	private final Semaphore open = new Semaphore(MAX_OPEN);

	// Connections of open tunnels, closed when the tentacle stops.
	private final Set<Closeable> live = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	/**
	 * Creates the tunnel service.
	 * @param dialer dials the data connections
	 * @param codec the frame codec
	 * @param connectTimeout limit for connecting to the service and to the brain
	 */
	public Tunnels(BrainDialer dialer, FrameCodec codec, Duration connectTimeout) {
		this.dialer = dialer;
		this.codec = codec;
		this.connectTimeout = connectTimeout;
	}

	/**
	 * Starts opening a tunnel and returns at once (called on the connection's reader
	 * thread).
	 * @param request the brain's request
	 */
	public void open(OpenTunnel request) {
		if (this.closed) {
			return;
		}
		Thread.ofVirtual().name("tentacle-tunnel").start(() -> serve(request));
	}

	private void serve(OpenTunnel request) {
		if (!this.open.tryAcquire()) {
			attachFailed(request, "the node has " + MAX_OPEN + " tunnels open already");
			return;
		}
		try {
			Socket service = connect(request);
			if (service == null) {
				return;
			}
			this.live.add(service);
			try (service;
					DataChannel channel = this.dialer.openData(new TunnelAttach(request.token(), null), this.codec,
							Duration.ZERO)) {
				this.live.add(channel);
				channel.keepAlive();
				if (this.closed) {
					return;
				}
				logger.info("tunnel to {}:{} open", request.host(), request.port());
				Splice.Totals totals = Splice.run(service, channel);
				logger.info("tunnel to {}:{} closed ({} bytes in, {} bytes out)", request.host(), request.port(),
						totals.toService(), totals.fromService());
			}
		}
		catch (IOException ex) {
			logger.warn("tunnel to {}:{} failed: {}", request.host(), request.port(), ex.getMessage());
		}
		finally {
			this.live.removeIf((connection) -> !isOpen(connection));
			this.open.release();
		}
	}

	/** Ends every open tunnel: a stopping tentacle leaves no connection behind. */
	@Override
	public void close() {
		this.closed = true;
		// Reset, not closed: the operator and the service must see the tunnel break.
		for (Closeable connection : this.live) {
			if (connection instanceof DataChannel channel) {
				channel.abort();
			}
			else {
				LinkSockets.reset((Socket) connection);
			}
		}
		this.live.clear();
	}

	private static boolean isOpen(Closeable connection) {
		return (connection instanceof Socket socket) ? !socket.isClosed() : !((DataChannel) connection).isClosed();
	}

	private @Nullable Socket connect(OpenTunnel request) {
		Socket service = new Socket();
		try {
			service.connect(new InetSocketAddress(request.host(), request.port()),
					(int) Math.min(Integer.MAX_VALUE, this.connectTimeout.toMillis()));
			service.setTcpNoDelay(true);
			return service;
		}
		catch (IOException | IllegalArgumentException ex) {
			closeQuietly(service);
			String reason = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
			attachFailed(request, "cannot connect to " + request.host() + ":" + request.port() + ": " + reason);
			return null;
		}
	}

	private void attachFailed(OpenTunnel request, String reason) {
		logger.warn("tunnel to {}:{} refused: {}", request.host(), request.port(), reason);
		try (DataChannel channel = this.dialer.openData(new TunnelAttach(request.token(), reason), this.codec,
				this.connectTimeout)) {
			channel.out().flush();
		}
		catch (IOException ex) {
			// The brain times the opening out and tells the operator.
			logger.warn("cannot tell the brain that the tunnel failed: {}", ex.getMessage());
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Never connected; nothing to release.
		}
	}

}
