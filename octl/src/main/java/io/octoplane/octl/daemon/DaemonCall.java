package io.octoplane.octl.daemon;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import io.octoplane.octl.Octl;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * One call the daemon runs for a front end: checks the caller is this user, reads the
 * request, runs octl with the caller's environment and working directory, streams its
 * output back as frames and closes with the exit status. A caller that hangs up
 * interrupts the command; a Ctrl-C the command handles (the front end relays it) reaches
 * the command's handler instead.
 */
final class DaemonCall {

	private final OctlDaemon daemon;

	private final SocketChannel connection;

	DaemonCall(OctlDaemon daemon, SocketChannel connection) {
		this.daemon = daemon;
		this.connection = connection;
	}

	void run() {
		try (SocketChannel channel = this.connection) {
			if (!fromThisUser(channel)) {
				return;
			}
			DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
			DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
			DaemonRequest request = DaemonRequest.readFrom(in);
			if (!request.build().equals(this.daemon.build())) {
				OctlDaemon.log("a caller runs another octl build; stopping so it can start its own daemon");
				DaemonFrames.signal(out, DaemonFrames.STALE);
				this.daemon.stop();
				return;
			}
			execute(request, in, out);
		}
		catch (IOException | RuntimeException ex) {
			OctlDaemon.log("call failed: " + ex);
		}
	}

	private void execute(DaemonRequest request, InputStream in, DataOutputStream out) throws IOException {
		String[] args = request.args().toArray(String[]::new);
		if (!Octl.namesSubcommand(args)) {
			this.daemon.countCommand();
			DaemonFrames.signal(out, DaemonFrames.STARTED);
			DaemonFrames.exit(out, this.daemon.wholeTree()
				.execute(args, writer(out, DaemonFrames.STDOUT), writer(out, DaemonFrames.STDERR)));
			return;
		}
		Octl octl = octlFor(request);
		CommandLine commandLine = octl.commandLine(args);
		Object command = commandOf(commandLine, args);
		if (command instanceof TerminalBound) {
			DaemonFrames.signal(out, DaemonFrames.RUN_LOCALLY);
			return;
		}
		PrintWriter stdout = writer(out, DaemonFrames.STDOUT);
		if (command instanceof DaemonCommand.Status) {
			stdout.println(this.daemon.describe());
			stdout.flush();
			DaemonFrames.exit(out, 0);
			return;
		}
		if (command instanceof DaemonCommand.Stop) {
			stdout.println("stopping the octl daemon (pid " + this.daemon.pid() + ")");
			stdout.flush();
			DaemonFrames.exit(out, 0);
			this.daemon.stop();
			return;
		}
		this.daemon.countCommand();
		try (FrameWriter frames = new FrameWriter(out)) {
			run(octl, commandLine, args, in, frames);
		}
	}

	private static void run(Octl octl, CommandLine commandLine, String[] args, InputStream in, FrameWriter frames)
			throws IOException {
		frames.signal(DaemonFrames.STARTED);
		PrintWriter stdout = writer(frames.stream(DaemonFrames.STDOUT));
		PrintWriter stderr = writer(frames.stream(DaemonFrames.STDERR));
		Thread worker = Thread.currentThread();
		AtomicBoolean finished = new AtomicBoolean();
		octl.interrupts().onChange((handled) -> tell(frames, handled));
		Thread.ofPlatform().daemon().name("octl-call-hangup").start(() -> {
			listen(new DataInputStream(in), octl, finished, worker);
			if (!finished.get()) {
				worker.interrupt();
			}
		});
		int status;
		try {
			// Parsing again resets every option, so the probed command line is reused.
			status = commandLine.setOut(stdout).setErr(stderr).execute(args);
		}
		finally {
			finished.set(true);
			stdout.flush();
			stderr.flush();
		}
		// A command may leave its thread interrupted; the answer must still go out.
		Thread.interrupted();
		frames.exit(status);
	}

	/**
	 * Reads what the front end sends while the command runs: Ctrl-C, passed to the
	 * command, until the connection ends, which means the caller is gone (hung up, or
	 * ended by a Ctrl-C the command does not handle).
	 */
	private static void listen(DataInputStream in, Octl octl, AtomicBoolean finished, Thread worker) {
		try {
			while (!finished.get()) {
				if (DaemonFrames.read(in).type() != DaemonFrames.INTERRUPT) {
					continue;
				}
				// Off this thread: a handler may take a while (a cancel call), and a
				// second Ctrl-C must reach it meanwhile.
				Thread.ofVirtual().name("octl-call-ctrl-c").start(() -> {
					if (!octl.interrupts().deliver() && !finished.get()) {
						worker.interrupt();
					}
				});
			}
		}
		catch (IOException ex) {
			// End of input or a broken connection: the caller is gone.
		}
	}

	private static void tell(FrameWriter frames, boolean handled) {
		try {
			frames.signal(handled ? DaemonFrames.CTRL_C_HANDLED : DaemonFrames.CTRL_C_DEFAULT);
		}
		catch (IOException ex) {
			// The caller is gone; the hang-up interrupts the command.
		}
	}

	private Octl octlFor(DaemonRequest request) {
		String home = request.env().getOrDefault("HOME", System.getProperty("user.home"));
		return new Octl(request.env(), Path.of(home), request.interactive(), InputStream.nullInputStream(),
				Path.of(request.workingDirectory()), this.daemon.clients()::clientFor);
	}

	/**
	 * The command a command line selects, found by parsing as octl would, to tell the
	 * ones that need the caller's own terminal, standard input or process. A command line
	 * that does not parse runs here and reports its error like any other.
	 * @return the selected command object, or {@code null} if the line does not parse
	 */
	static @Nullable Object commandOf(CommandLine commandLine, String[] args) {
		try {
			ParseResult parsed = commandLine.parseArgs(args);
			while (parsed.hasSubcommand()) {
				parsed = parsed.subcommand();
			}
			return parsed.commandSpec().userObject();
		}
		catch (CommandLine.ParameterException ex) {
			return null;
		}
	}

	private boolean fromThisUser(SocketChannel channel) {
		try {
			UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
			String self = System.getProperty("user.name");
			if (peer.user().getName().equals(self)) {
				return true;
			}
			OctlDaemon.log("refused a call from user " + peer.user().getName());
		}
		catch (IOException | UnsupportedOperationException ex) {
			OctlDaemon.log("refused a call whose user cannot be told: " + ex);
		}
		return false;
	}

	private static PrintWriter writer(DataOutputStream out, byte type) {
		return writer(DaemonFrames.stream(out, type));
	}

	private static PrintWriter writer(OutputStream stream) {
		return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
	}

}
