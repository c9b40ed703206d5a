package io.octoplane.tentacle.gateway;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.LinkSockets;
import io.octoplane.protocol.agent.RelayOpen;
import io.octoplane.tentacle.config.BrainAddress;
import io.octoplane.tentacle.connection.BrainDialer;
import io.octoplane.tentacle.connection.DataChannel;
import io.octoplane.tentacle.tunnel.Splice;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays the connections of nodes behind this one ({@code gateway.listen}) to the brain.
 * For each accepted connection it dials the brain with its own node certificate (through
 * its own gateway, if it has one), sends {@link RelayOpen}, and from then on copies bytes
 * both ways: the node's TLS runs end to end with the brain, so this gateway can neither
 * read the node's frames nor forge them, and the brain knows from the uplink's
 * certificate which gateway the node is behind.
 *
 * <p>
 * One uplink connection per relayed connection, not one multiplexed uplink: each keeps
 * TCP's own flow control, so a node's file transfer never holds up another node's
 * heartbeats (no head-of-line blocking), the brain serves a relayed node with exactly the
 * code of a direct one (write deadlines, revocation cuts, data connections, tunnels), and
 * a dead node's relay dies alone. The cost is one TCP connection and one (resumable) TLS
 * handshake of the gateway per node connection, and TLS framing twice on the uplink.
 */
public final class GatewayRelay implements Closeable {

	private static final Logger logger = LoggerFactory.getLogger(GatewayRelay.class);

	/** Most connections relayed at once; each holds two sockets and two threads. */
	static final int MAX_RELAYS = 2048;

	private final BrainDialer dialer;

	private final FrameCodec codec;

	private final ServerSocket server;

	private final Semaphore slots = new Semaphore(MAX_RELAYS);

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile boolean running = true;

	private @Nullable Thread acceptor;

	private GatewayRelay(BrainDialer dialer, FrameCodec codec, ServerSocket server) {
		this.dialer = dialer;
		this.codec = codec;
		this.server = server;
	}

	/**
	 * Binds the listen address and starts relaying.
	 * @param listen where nodes behind this one connect
	 * @param dialer dials the brain with this node's certificate
	 * @param codec the frame codec
	 * @return the running relay
	 * @throws IOException if the address cannot be bound
	 */
	public static GatewayRelay start(BrainAddress listen, BrainDialer dialer, FrameCodec codec) throws IOException {
		ServerSocket server = new ServerSocket();
		server.setReuseAddress(true);
		server.bind(new InetSocketAddress(InetAddress.getByName(listen.host()), listen.port()), 256);
		GatewayRelay relay = new GatewayRelay(dialer, codec, server);
		relay.acceptor = Thread.ofVirtual().name("gateway-accept").start(relay::acceptLoop);
		logger.info("gateway: relaying nodes' connections from {}:{} to the brain", listen.host(),
				server.getLocalPort());
		return relay;
	}

	/** The port bound (useful when configured as 0). */
	public int port() {
		return this.server.getLocalPort();
	}

	private void acceptLoop() {
		while (this.running) {
			Socket node;
			try {
				node = this.server.accept();
			}
			catch (IOException ex) {
				if (this.running) {
					logger.warn("gateway: accepting a connection failed: {}", ex.getMessage());
				}
				continue;
			}
			if (!this.slots.tryAcquire()) {
				logger.warn("gateway: refusing {}: {} relayed connections is the limit", node.getRemoteSocketAddress(),
						MAX_RELAYS);
				LinkSockets.reset(node);
				continue;
			}
			Thread.ofVirtual().name("gateway-relay").start(() -> {
				try {
					relay(node);
				}
				finally {
					this.slots.release();
				}
			});
		}
	}

	private void relay(Socket node) {
		this.open.add(node);
		String peer = node.getInetAddress().getHostAddress() + ":" + node.getPort();
		try (DataChannel uplink = this.dialer.openData(new RelayOpen(peer), this.codec, Duration.ZERO)) {
			node.setTcpNoDelay(true);
			LinkSockets.keepAlive(node);
			uplink.keepAlive();
			Splice.run(node, uplink);
		}
		catch (IOException ex) {
			// The node sees its connection reset and redials with backoff, as it would
			// if the brain were down.
			logger.info("gateway: cannot relay {} to the brain: {}", peer, ex.getMessage());
			LinkSockets.reset(node);
		}
		finally {
			this.open.remove(node);
			closeQuietly(node);
		}
	}

	/** Stops accepting and cuts every relayed connection; their nodes redial. */
	@Override
	public void close() {
		this.running = false;
		closeQuietly(this.server);
		this.open.forEach(LinkSockets::reset);
		Thread thread = this.acceptor;
		if (thread != null) {
			thread.interrupt();
		}
	}

	private static void closeQuietly(Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// Closing to let go; nothing else to do.
		}
	}

}
