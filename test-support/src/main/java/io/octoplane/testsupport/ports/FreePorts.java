package io.octoplane.testsupport.ports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for servers that a test starts and must know the port of before they
 * start: a brain in a child JVM, a redis-server, a nameserver, or a port that nothing
 * listens on. Every port is handed out at most once per JVM, so that two servers of one
 * test never get the same one, however close together they are asked for.
 *
 * <p>
 * Ports come from a walk over {@link #FIRST}..{@link #LAST}, below Linux's ephemeral
 * range (32768-60999), so that the kernel does not hand the same port to an outgoing
 * connection in the meantime; the walk starts at a random place so that parallel test
 * JVMs rarely meet. A port is given only if nothing listens on it (a bind on the wildcard
 * address succeeds) and no other JVM on this machine holds it (a lock file in the
 * temporary folder, held until this JVM exits).
 */
public final class FreePorts {

	/** The lowest port handed out. */
	static final int FIRST = 20_000;

	/** The highest port handed out. */
	static final int LAST = 32_000;

	private static final Path LOCK_DIR = Path.of(System.getProperty("java.io.tmpdir"), "octoplane-test-ports");

	private static final Object lock = new Object();

	private static final Set<Integer> given = new HashSet<>();

	/** Kept open, and so locked, until the JVM exits. */
	private static final Set<FileChannel> held = new HashSet<>();

	private static int next = FIRST + ThreadLocalRandom.current().nextInt(LAST - FIRST + 1);

	private FreePorts() {
	}

	/**
	 * A port on which nothing listens and that this JVM has not handed out before.
	 * @return the port
	 * @throws IllegalStateException if every port of the range is taken
	 */
	public static int take() {
		synchronized (lock) {
			for (int tried = 0; tried <= LAST - FIRST; tried++) {
				int port = next;
				next = (port == LAST) ? FIRST : port + 1;
				if (!given.contains(port) && bindable(port) && reserve(port)) {
					given.add(port);
					return port;
				}
			}
			throw new IllegalStateException("no free port left in " + FIRST + ".." + LAST);
		}
	}

	private static boolean bindable(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean reserve(int port) {
		try {
			Files.createDirectories(LOCK_DIR);
			FileChannel channel = FileChannel.open(LOCK_DIR.resolve(port + ".lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
			FileLock fileLock = channel.tryLock();
			if (fileLock == null) {
				channel.close();
				return false;
			}
			held.add(channel);
			return true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot reserve port " + port + " in " + LOCK_DIR, ex);
		}
	}

}
