package io.octoplane.octl.daemon;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.octoplane.protocol.duration.DurationText;

/**
 * The octl daemon process: listens on the user's private socket, runs each call on its
 * own thread with the caller's environment and working directory, keeps clients (and
 * their TLS connections) warm between calls, and exits after {@code $OCTL_DAEMON_IDLE}
 * (default 15 minutes) without calls, when asked to stop, or when a caller of another
 * octl build arrives.
 */
public final class OctlDaemon {

	static final Duration DEFAULT_IDLE = Duration.ofMinutes(15);

	private static final Duration LOCK_WAIT = Duration.ofSeconds(10);

	private static final Duration LOCK_POLL = Duration.ofMillis(100);

	private final DaemonPlace place;

	private final Duration idle;

	private final Clock clock;

	private final WarmClients clients = new WarmClients();

	private final WholeTree wholeTree = new WholeTree();

	private final AtomicInteger running = new AtomicInteger();

	private final AtomicLong commandsRun = new AtomicLong();

	private volatile Instant lastCall;

	private volatile boolean stopping;

	private ServerSocketChannel server;

	OctlDaemon(DaemonPlace place, Duration idle, Clock clock) {
		this.place = place;
		this.idle = idle;
		this.clock = clock;
		this.lastCall = clock.instant();
	}

	/**
	 * Runs the daemon until it idles out or is stopped.
	 * @param args ignored
	 * @throws Exception if it cannot take its socket
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> env = System.getenv();
		Duration idle = DEFAULT_IDLE;
		String configured = env.get("OCTL_DAEMON_IDLE");
		if (configured != null && !configured.isBlank()) {
			idle = DurationText.parse(configured);
		}
		new OctlDaemon(DaemonPlace.of(env), idle, Clock.systemUTC()).serve();
	}

	void serve() throws IOException, InterruptedException {
		this.place.prepare();
		try (FileChannel lockFile = FileChannel.open(this.place.lock(), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock lock = acquire(lockFile)) {
			if (lock == null) {
				return;
			}
			Files.deleteIfExists(this.place.socket());
			try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
				this.server = server;
				server.bind(UnixDomainSocketAddress.of(this.place.socket()));
				Files.setPosixFilePermissions(this.place.socket(), PosixFilePermissions.fromString("rw-------"));
				Files.writeString(this.place.pid(), Long.toString(pid()));
				log("listening on " + this.place.socket() + " (pid " + ProcessHandle.current().pid() + ", idle exit "
						+ this.idle.toSeconds() + " s" + ")");
				Thread.ofPlatform().daemon().name("octl-daemon-idle").start(this::watchIdle);
				acceptUntilStopped(server);
			}
			finally {
				Files.deleteIfExists(this.place.socket());
				Files.deleteIfExists(this.place.pid());
			}
		}
		log("stopped");
	}

	private void acceptUntilStopped(ServerSocketChannel server) {
		while (!this.stopping) {
			SocketChannel connection;
			try {
				connection = server.accept();
			}
			catch (IOException ex) {
				// Closed by stop(), or the socket is gone: either way this daemon is
				// done.
				return;
			}
			this.running.incrementAndGet();
			this.lastCall = this.clock.instant();
			Thread.ofPlatform().name("octl-call").start(() -> {
				try {
					new DaemonCall(this, connection).run();
				}
				finally {
					this.lastCall = this.clock.instant();
					this.running.decrementAndGet();
				}
			});
		}
	}

	private void watchIdle() {
		Duration tick = this.idle.dividedBy(10).compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
				: this.idle.dividedBy(10);
		while (!this.stopping) {
			try {
				Thread.sleep(tick);
			}
			catch (InterruptedException ex) {
				return;
			}
			boolean idleLongEnough = this.running.get() == 0
					&& Duration.between(this.lastCall, this.clock.instant()).compareTo(this.idle) >= 0;
			if (idleLongEnough) {
				log("no call for " + this.idle.toSeconds() + " s" + "; exiting");
				stop();
			}
		}
	}

	/** Stops taking calls; calls already running finish first. */
	void stop() {
		this.stopping = true;
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// Closing is all that was asked; a failure leaves nothing to undo.
		}
	}

	String describe() {
		return "octl daemon running: pid " + pid() + ", socket " + this.place.socket() + ", commands run "
				+ this.commandsRun.get() + ", running now " + (this.running.get() - 1) + ", exits after "
				+ this.idle.toSeconds() + " s without calls";
	}

	void countCommand() {
		this.commandsRun.incrementAndGet();
	}

	String build() {
		return this.place.build();
	}

	WholeTree wholeTree() {
		return this.wholeTree;
	}

	WarmClients clients() {
		return this.clients;
	}

	long pid() {
		return ProcessHandle.current().pid();
	}

	private static FileLock acquire(FileChannel lockFile) throws IOException, InterruptedException {
		// A daemon that is still stopping holds the lock for a moment; a second daemon
		// started by a racing call gives up after the wait.
		Instant deadline = Instant.now().plus(LOCK_WAIT);
		while (true) {
			FileLock lock = lockFile.tryLock();
			if (lock != null || Instant.now().isAfter(deadline)) {
				return lock;
			}
			Thread.sleep(LOCK_POLL);
		}
	}

	static void log(String line) {
		System.out.println(Instant.now() + " " + line);
	}

}
