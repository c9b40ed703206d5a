package io.octoplane.octl.daemon;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.octoplane.octl.TerminalCheck;

/**
 * What the {@code octl} launcher runs: hands the call to the user's octl daemon and
 * prints its answer, or runs octl in this process when no daemon answers, starting one
 * for the next call. The path to the daemon uses nothing but the JDK, so this process
 * starts as fast as a JVM can.
 *
 * <p>
 * {@code OCTL_DAEMON=off} skips the daemon entirely; output, exit status and errors are
 * the same either way.
 */
public final class DaemonFront {

	/** Exit status when the daemon vanished in the middle of a command. */
	private static final int DAEMON_LOST = 1;

	private DaemonFront() {
	}

	/**
	 * Runs one octl call and exits with its status.
	 * @param args the command line arguments
	 */
	public static void main(String[] args) {
		System.exit(run(args, System.getenv()));
	}

	static int run(String[] args, Map<String, String> env) {
		if (disabled(env) || !onPlainClassPath()) {
			return LocalRun.run(args);
		}
		DaemonPlace place = DaemonPlace.of(env);
		try {
			place.checkPrivate();
		}
		catch (IOException ex) {
			if (Files.exists(place.folder())) {
				System.err.println("octl: warning: not using the octl daemon: " + ex.getMessage());
				return LocalRun.run(args);
			}
			return runThenStartDaemon(args, place);
		}
		DaemonRequest request = new DaemonRequest(place.build(), Path.of("").toAbsolutePath().toString(),
				TerminalCheck.isTerminal(2), List.of(args), env);
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.connect(UnixDomainSocketAddress.of(place.socket()));
			DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
			request.writeTo(out);
			CtrlCRelay ctrlC = new CtrlCRelay(out);
			ctrlC.install();
			return relay(new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel))), args, place,
					ctrlC);
		}
		catch (DaemonLostException ex) {
			System.err.println("octl: error: the octl daemon stopped in the middle of the command; it may or may not "
					+ "have taken effect (check with 'octl job list'); see " + place.log());
			return DAEMON_LOST;
		}
		catch (IOException ex) {
			// No daemon listens (none started yet, or it idled out): this call runs here.
			return runThenStartDaemon(args, place);
		}
	}

	private static int relay(DataInputStream in, String[] args, DaemonPlace place, CtrlCRelay ctrlC)
			throws IOException {
		boolean answered = false;
		try {
			while (true) {
				DaemonFrames.Frame frame = DaemonFrames.read(in);
				answered = true;
				switch (frame.type()) {
					case DaemonFrames.STARTED -> {
						// Nothing to show; from here on the command may have run.
					}
					case DaemonFrames.CTRL_C_HANDLED -> ctrlC.handled(true);
					case DaemonFrames.CTRL_C_DEFAULT -> ctrlC.handled(false);
					case DaemonFrames.STDOUT -> System.out.write(frame.payload(), 0, frame.payload().length);
					case DaemonFrames.STDERR -> {
						System.out.flush();
						System.err.write(frame.payload(), 0, frame.payload().length);
						System.err.flush();
					}
					case DaemonFrames.EXIT -> {
						System.out.flush();
						return frame.status();
					}
					case DaemonFrames.RUN_LOCALLY -> {
						return LocalRun.run(args);
					}
					case DaemonFrames.STALE -> {
						return runThenStartDaemon(args, place);
					}
					default -> throw new DaemonLostException();
				}
			}
		}
		catch (IOException ex) {
			if (!answered) {
				// Closed before saying anything: it refused the call (another user, or
				// it was stopping), so nothing ran and the call can run here.
				throw new IOException("the octl daemon closed the connection", ex);
			}
			throw new DaemonLostException();
		}
		finally {
			System.out.flush();
		}
	}

	private static int runThenStartDaemon(String[] args, DaemonPlace place) {
		int status = LocalRun.run(args);
		System.out.flush();
		System.err.flush();
		if (!controlsDaemon(args)) {
			start(place);
		}
		return status;
	}

	// 'octl daemon status|stop' with no daemon running must not start one.
	private static boolean controlsDaemon(String[] args) {
		for (int i = 0; i + 1 < args.length; i++) {
			if (args[i].equals("daemon") && (args[i + 1].equals("status") || args[i + 1].equals("stop"))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Starts a daemon in the background, detached from this terminal. It exits at once if
	 * another one holds the lock, so racing callers start at most one.
	 */
	static void start(DaemonPlace place) {
		try {
			place.prepare();
			List<String> command = new ArrayList<>();
			if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
				command.add("/usr/bin/setsid");
			}
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.addAll(List.of("-XX:+UseSerialGC", "-Xss512k", "-Xmx256m", "-XX:-UsePerfData", "-cp",
					System.getProperty("java.class.path"), OctlDaemon.class.getName()));
			new ProcessBuilder(command).redirectInput(Redirect.from(new File("/dev/null")))
				.redirectOutput(Redirect.appendTo(place.log().toFile()))
				.redirectErrorStream(true)
				.start();
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("octl: warning: cannot start the octl daemon (" + ex.getMessage()
					+ "); octl works without it, only slower. OCTL_DAEMON=off silences this.");
		}
	}

	/**
	 * Whether octl runs from a plain class path, which a daemon can be started with. The
	 * executable jar's nested-jar launcher loads octl through a loader of its own, and a
	 * daemon started from that jar's path would fail on every call.
	 */
	private static boolean onPlainClassPath() {
		return DaemonFront.class.getClassLoader() == ClassLoader.getSystemClassLoader();
	}

	static boolean disabled(Map<String, String> env) {
		String setting = env.get("OCTL_DAEMON");
		return setting != null && (setting.equals("off") || setting.equals("0") || setting.equals("false"));
	}

	/** The daemon answered part of a command and then went away. */
	private static final class DaemonLostException extends IOException {

		private static final long serialVersionUID = 1L;

	}

}
