package io.octoplane.octl.tunnel;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.octoplane.client.OctoplaneClient;
import io.octoplane.client.OctoplaneException;
import io.octoplane.client.TunnelConnection;
import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.daemon.TerminalBound;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code octl tunnel NODE LOCAL_PORT:HOST:PORT}: like {@code ssh -L}, each connection to
 * the local port becomes a tunnel to {@code HOST:PORT} as the node sees it.
 */
@Command(name = "tunnel",
		description = { "Forward a local TCP port to a service a node can reach, through the brain and the node's own "
				+ "outbound connection (works through NAT). Every connection to the local port opens its own "
				+ "tunnel; runs until interrupted (Ctrl-C) unless --once." },
		footerHeading = "%nExamples:%n",
		footer = { "  octl tunnel pi-24 8080:127.0.0.1:80        # then open http://127.0.0.1:8080",
				"  octl tunnel pi-24 5020:192.168.1.50:502     # a device on the node's LAN",
				"  octl tunnel pi-24 0:127.0.0.1:5432 --once   # pick a free port, serve one connection" })
public final class TunnelCommand extends OctlCommand implements TerminalBound {

	private static final Pattern FORWARD = Pattern.compile("(\\d{1,5}):(\\[[0-9A-Fa-f:.]+]|[^:\\s]+):(\\d{1,5})");

	@Parameters(index = "0", paramLabel = "NODE", description = "The node whose side the service is on.")
	private String node;

	@Parameters(index = "1", paramLabel = "LOCAL_PORT:HOST:PORT",
			description = "Local port (0 picks a free one), then the service's host and port as the node sees them.")
	private String forward;

	@Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
			description = "Local address to listen on (default: ${DEFAULT-VALUE}; only this machine can connect).")
	private String bind;

	@Option(names = "--once", description = "Serve one connection, then exit with its outcome.")
	private boolean once;

	@Override
	protected int execute(Octl octl) throws Exception {
		Matcher matcher = FORWARD.matcher(this.forward);
		if (!matcher.matches()) {
			throw usage("'" + this.forward + "' is not LOCAL_PORT:HOST:PORT (for example 8080:127.0.0.1:80)");
		}
		int localPort = port(matcher.group(1), 0);
		String host = matcher.group(2).replaceAll("^\\[|]$", "");
		int port = port(matcher.group(3), 1);
		OctoplaneClient client = octl.client();
		PrintWriter err = spec().commandLine().getErr();
		try (ServerSocket server = new ServerSocket()) {
			server.bind(new InetSocketAddress(InetAddress.getByName(this.bind), localPort));
			err.println("octl: forwarding " + this.bind + ":" + server.getLocalPort() + " to " + host + ":" + port
					+ " on " + this.node + (this.once ? " (one connection)" : "; Ctrl-C stops"));
			err.flush();
			if (this.once) {
				try (Socket socket = server.accept()) {
					serve(client, socket, host, port);
				}
				return ExitStatus.OK;
			}
			while (true) {
				Socket socket = server.accept();
				Thread.ofVirtual().name("octl-tunnel").start(() -> {
					try (socket) {
						serve(client, socket, host, port);
					}
					catch (IOException | OctoplaneException ex) {
						// One connection failed; the forward goes on for the next.
						err.println("octl: tunnel connection from " + socket.getRemoteSocketAddress() + " failed: "
								+ ex.getMessage());
						err.flush();
					}
				});
			}
		}
	}

	private void serve(OctoplaneClient client, Socket socket, String host, int port) throws IOException {
		socket.setTcpNoDelay(true);
		try (TunnelConnection tunnel = client.tunnels().open(this.node, host, port)) {
			StreamSplice.run(socket.getInputStream(), socket.getOutputStream(), () -> {
				try {
					socket.shutdownOutput();
				}
				catch (IOException ex) {
					// The local client went away; nothing left to tell it.
				}
			}, tunnel);
		}
	}

	private int port(String text, int lowest) {
		int value = Integer.parseInt(text);
		if (value < lowest || value > 65535) {
			throw usage("port " + text + " must be between " + lowest + " and 65535");
		}
		return value;
	}

	private ParameterException usage(String message) {
		return new ParameterException(spec().commandLine(), message);
	}

}
