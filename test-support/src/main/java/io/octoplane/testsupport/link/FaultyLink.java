package io.octoplane.testsupport.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy on 127.0.0.1 that a test can break on purpose, to see how a tentacle and
 * the brain cope with a network that fails under them. Point a client at {@link #port()}
 * instead of the real server and every connection is relayed, byte for byte, to the
 * target port; {@link #cut()} then resets every relayed connection at once and turns new
 * ones away until {@link #restore()}.
 *
 * <p>
 * A cut is abrupt on purpose: both ends see a TCP reset (the sockets are closed with a
 * zero linger), not an orderly end of stream, because that is what a dropped link or a
 * rebooted middlebox looks like to the peers. A connection made during a cut is accepted
 * and reset at once, so a client redialling in a loop fails fast instead of hanging.
 *
 * <p>
 * Each connection has two pump threads, one per direction; an orderly close on one side
 * is passed on as a half-close, and a reset on one side resets the other. All methods are
 * thread-safe. Close it (it is {@link AutoCloseable}) to stop listening and to wait, for
 * a bounded time, until all its threads have ended.
 *
 * <p>
 * {@link #shape} makes it a thin link as well (delay, bandwidth, loss), for measuring how
 * the system behaves on one; tests built on it assert outcomes, never timings.
 */
public final class FaultyLink implements AutoCloseable {

	private static final String LOOPBACK = "127.0.0.1";

	private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private static final int BUFFER_SIZE = 16 * 1024;

	private volatile int targetPort;

	/** Ports taken in turn by new connections, as a round-robin balancer; or null. */
	private volatile int @Nullable [] pool;

	private final AtomicInteger turn = new AtomicInteger();

	private final ServerSocket listener;

	/** Guards cut, closed, and additions to relays and threads. */
	private final Object lock = new Object();

	private final Set<Relay> relays = ConcurrentHashMap.newKeySet();

	private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

	/** Numbers every accepted socket, only to name the threads. */
	private final AtomicInteger serial = new AtomicInteger();

	private final AtomicInteger accepted = new AtomicInteger();

	private final AtomicInteger refused = new AtomicInteger();

	private final AtomicLong bytes = new AtomicLong();

	private boolean cut;

	private volatile @Nullable LinkShape shape;

	private boolean closed;

	private FaultyLink(int targetPort, ServerSocket listener) {
		this.targetPort = targetPort;
		this.listener = listener;
	}

	/**
	 * Listens on a free port of 127.0.0.1 and relays every connection to
	 * {@code 127.0.0.1:targetPort}. The target need not be up yet: the link only dials it
	 * when a client connects, and resets that client if the target refuses.
	 * @param targetPort the loopback port to relay to
	 * @return the running link
	 * @throws UncheckedIOException if no port can be bound
	 */
	public static FaultyLink start(int targetPort) {
		if (targetPort < 1 || targetPort > 65535) {
			throw new IllegalArgumentException("not a TCP port: " + targetPort);
		}
		ServerSocket listener;
		try {
			// A literal address: nothing is looked up.
			listener = new ServerSocket(0, 64, InetAddress.getByName(LOOPBACK));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot listen on " + LOOPBACK, ex);
		}
		FaultyLink link = new FaultyLink(targetPort, listener);
		link.spawn("accept", link::acceptLoop);
		return link;
	}

	/**
	 * Shapes the connections made from now on like a thin link: delay, bandwidth and loss
	 * (see {@link LinkShape}); live connections keep the shape they had.
	 * @param shape the shape, or {@code null} to relay at loopback speed
	 */
	public void shape(@Nullable LinkShape shape) {
		this.shape = shape;
	}

	/**
	 * Starts a link that spreads new connections over several ports in turn, as a TCP
	 * load balancer in round-robin mode does.
	 * @param targetPorts the loopback ports to relay to
	 * @return the running link
	 * @throws UncheckedIOException if no port can be bound
	 */
	public static FaultyLink balance(int... targetPorts) {
		if (targetPorts.length == 0) {
			throw new IllegalArgumentException("no ports to balance");
		}
		FaultyLink link = start(targetPorts[0]);
		link.pool = targetPorts.clone();
		return link;
	}

	/**
	 * Stops sending new connections to one of the balanced ports, as a balancer's health
	 * check does once that server died; live connections are left alone.
	 * @param port the port to leave out
	 */
	public void drop(int port) {
		int[] ports = this.pool;
		if (ports == null) {
			throw new IllegalStateException("not a balancing link");
		}
		int[] left = Arrays.stream(ports).filter((candidate) -> candidate != port).toArray();
		if (left.length == 0) {
			throw new IllegalArgumentException("no port would be left");
		}
		this.pool = left;
	}

	/**
	 * Sends new connections to a port again (or for the first time), as a balancer's
	 * health check does once that server is back; a port already in the pool stays once.
	 * @param port the port to take in
	 */
	public void admit(int port) {
		int[] ports = this.pool;
		if (ports == null) {
			throw new IllegalStateException("not a balancing link");
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("not a TCP port: " + port);
		}
		if (Arrays.stream(ports).noneMatch((candidate) -> candidate == port)) {
			int[] more = Arrays.copyOf(ports, ports.length + 1);
			more[ports.length] = port;
			this.pool = more;
		}
	}

	private int nextTarget() {
		int[] ports = this.pool;
		return (ports != null) ? ports[Math.floorMod(this.turn.getAndIncrement(), ports.length)] : this.targetPort;
	}

	/** The port on 127.0.0.1 that clients should connect to. */
	public int port() {
		return this.listener.getLocalPort();
	}

	/** The port on 127.0.0.1 that connections are relayed to. */
	public int targetPort() {
		return this.targetPort;
	}

	/**
	 * Relays new connections to another port from now on, as a load balancer does once
	 * its health check finds the old target dead; live connections are left alone.
	 * @param port the loopback port to relay to
	 */
	public void retarget(int port) {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("not a TCP port: " + port);
		}
		this.targetPort = port;
		this.pool = null;
	}

	/**
	 * Resets every live connection, both towards the client and towards the target, and
	 * resets every new connection as soon as it is accepted, until {@link #restore()}.
	 * Returns once every live connection has been reset; calling it while already cut
	 * does no harm.
	 */
	public void cut() {
		List<Relay> live;
		synchronized (this.lock) {
			this.cut = true;
			live = List.copyOf(this.relays);
		}
		live.forEach(Relay::abort);
	}

	/** Lets new connections through again after {@link #cut()}. */
	public void restore() {
		synchronized (this.lock) {
			this.cut = false;
		}
	}

	/** Whether {@link #cut()} was called and {@link #restore()} not since. */
	public boolean isCut() {
		synchronized (this.lock) {
			return this.cut;
		}
	}

	/**
	 * How many connections have been accepted and relayed to the target so far; those
	 * turned away during a cut are counted by {@link #connectionsRefused()} instead.
	 */
	public int connectionsAccepted() {
		return this.accepted.get();
	}

	/** How many connections were accepted during a cut and reset at once. */
	public int connectionsRefused() {
		return this.refused.get();
	}

	/** How many relayed connections are open right now. */
	public int liveConnections() {
		return this.relays.size();
	}

	/** How many bytes have been relayed so far, in both directions together. */
	public long bytesForwarded() {
		return this.bytes.get();
	}

	/**
	 * Stops listening, resets every live connection and waits until all the link's
	 * threads have ended. Calling it again does nothing.
	 * @throws IllegalStateException if some thread is still running after five seconds,
	 * which would mean a relay is stuck
	 */
	@Override
	public void close() {
		List<Relay> live;
		synchronized (this.lock) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			live = List.copyOf(this.relays);
		}
		closeQuietly(this.listener);
		live.forEach(Relay::abort);
		long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
		List<String> stuck = new ArrayList<>();
		for (Thread thread : List.copyOf(this.threads)) {
			try {
				long left = Math.max(1, deadline - System.nanoTime());
				if (!thread.join(Duration.ofNanos(left))) {
					stuck.add(thread.getName());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while closing the link on port " + port(), ex);
			}
		}
		if (!stuck.isEmpty()) {
			throw new IllegalStateException(
					"threads of the link on port " + port() + " still running after " + CLOSE_TIMEOUT + ": " + stuck);
		}
	}

	@Override
	public String toString() {
		return "FaultyLink[" + LOOPBACK + ":" + port() + " -> " + this.targetPort + (isCut() ? ", cut" : "") + "]";
	}

	private void acceptLoop() {
		while (true) {
			Socket client;
			try {
				client = this.listener.accept();
			}
			catch (IOException ex) {
				// The listener is closed only by close(); any other failure would repeat
				// forever, and a link that stops accepting shows up as failed dials.
				return;
			}
			Relay relay = new Relay(client, this.serial.incrementAndGet());
			boolean admitted;
			synchronized (this.lock) {
				// Deciding under the lock is what makes cut() airtight: a connection is
				// either in the set that cut() resets, or turned away here.
				admitted = !this.cut && !this.closed;
				if (admitted) {
					this.relays.add(relay);
					this.accepted.incrementAndGet();
				}
			}
			if (!admitted) {
				this.refused.incrementAndGet();
				relay.abort();
			}
			else if (!spawn(relay.name + "-out", relay::run)) {
				relay.abort();
			}
		}
	}

	/**
	 * Starts a virtual thread that close() will wait for, unless the link is closed
	 * already. Starting it under the lock matters: close() must never see a registered
	 * thread that has not started yet, because joining such a thread returns at once.
	 */
	private boolean spawn(String name, Runnable task) {
		synchronized (this.lock) {
			if (this.closed) {
				return false;
			}
			Thread thread = Thread.ofVirtual().name("faulty-link-" + port() + "-" + name).unstarted(() -> {
				try {
					task.run();
				}
				finally {
					this.threads.remove(Thread.currentThread());
				}
			});
			this.threads.add(thread);
			thread.start();
			return true;
		}
	}

	private static void reset(Socket socket) {
		try {
			socket.setSoLinger(true, 0);
		}
		catch (IOException ex) {
			// Already closed, or never connected: closing is all there is to do.
		}
		closeQuietly(socket);
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// Nothing useful to do about a socket that fails to close.
		}
	}

	/** One relayed connection: the accepted socket and the one dialled out. */
	private final class Relay {

		private final Socket client;

		/** Created before dialling so that a cut during the dial can abort it too. */
		private final Socket upstream = new Socket();

		private final String name;

		private int endedDirections;

		private boolean done;

		Relay(Socket client, int serial) {
			this.client = client;
			this.name = "connection-" + serial;
		}

		/**
		 * Dials the target, then pumps one way here and the other way on a new thread.
		 */
		void run() {
			try {
				this.client.setTcpNoDelay(true);
				this.upstream.setTcpNoDelay(true);
				this.upstream.connect(new InetSocketAddress(LOOPBACK, nextTarget()), CONNECT_TIMEOUT_MILLIS);
			}
			catch (IOException ex) {
				// The target is down (or the relay was cut while dialling): the client
				// sees a reset, as it would if the server itself had refused.
				abort();
				return;
			}
			LinkShape shaped = FaultyLink.this.shape;
			if (shaped != null) {
				if (!spawn(this.name + "-in", () -> pump(this.upstream, this.client, new ShapedPump(shaped, 2)))) {
					abort();
					return;
				}
				pump(this.client, this.upstream, new ShapedPump(shaped, 1));
				return;
			}
			if (!spawn(this.name + "-in", () -> pump(this.upstream, this.client))) {
				abort();
				return;
			}
			pump(this.client, this.upstream);
		}

		/** One direction through a thin link: read on a thread of its own, write here. */
		private void pump(Socket from, Socket to, ShapedPump pump) {
			boolean reading = spawn(this.name + "-shape", () -> {
				try {
					pump.read(from.getInputStream());
				}
				catch (IOException ex) {
					abort();
				}
			});
			if (!reading) {
				abort();
				return;
			}
			try {
				if (pump.write(to.getOutputStream(), FaultyLink.this.bytes)) {
					to.shutdownOutput();
					directionEnded();
					return;
				}
			}
			catch (IOException ex) {
				// Reset below, with the reader released first.
			}
			pump.abandon();
			abort();
		}

		private void pump(Socket from, Socket to) {
			byte[] buffer = new byte[BUFFER_SIZE];
			try {
				InputStream in = from.getInputStream();
				OutputStream out = to.getOutputStream();
				int read;
				while ((read = in.read(buffer)) != -1) {
					out.write(buffer, 0, read);
					out.flush();
					FaultyLink.this.bytes.addAndGet(read);
				}
				// An orderly close travels on as a half-close, so protocols that read to
				// the end of the stream still see every byte.
				to.shutdownOutput();
				directionEnded();
			}
			catch (IOException ex) {
				// A reset or a cut on either side: reset the other side too, as a real
				// broken link would.
				abort();
			}
		}

		private void directionEnded() {
			synchronized (this) {
				this.endedDirections++;
				if (this.done || this.endedDirections < 2) {
					return;
				}
				this.done = true;
			}
			closeQuietly(this.client);
			closeQuietly(this.upstream);
			FaultyLink.this.relays.remove(this);
		}

		/** Resets both sockets, which also wakes both pumps out of blocking I/O. */
		void abort() {
			synchronized (this) {
				if (this.done) {
					return;
				}
				this.done = true;
			}
			reset(this.client);
			reset(this.upstream);
			FaultyLink.this.relays.remove(this);
		}

	}

}
