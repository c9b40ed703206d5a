package io.octoplane.octl.ssh;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import io.octoplane.client.OctoplaneApiException;
import io.octoplane.client.TunnelConnection;
import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.daemon.TerminalBound;
import io.octoplane.octl.tunnel.StreamSplice;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.SshLogin;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code octl ssh proxy NODE}: joins standard input and output to the node's sshd, for
 * OpenSSH's {@code ProxyCommand}. It writes nothing else to standard output.
 */
@Command(name = "proxy",
		description = {
				"Connect standard input and output to a node's sshd through the brain; meant as OpenSSH's "
						+ "ProxyCommand (ssh, scp, sftp, rsync -e ssh, git over ssh all work through it).",
				"NODE may also name a login stored with 'octl ssh set': its node and port are used "
						+ "unless --port is given." },
		footerHeading = "%nExamples:%n",
		footer = { "  ssh -o 'ProxyCommand=octl ssh proxy %%n' pi@pi-24",
				"  scp -o 'ProxyCommand=octl ssh proxy %%n' build.tar pi@pi-24:/tmp/", "  # in ~/.ssh/config:",
				"  #   Host *.fleet", "  #     ProxyCommand octl ssh proxy %%n" })
public final class SshProxyCommand extends OctlCommand implements TerminalBound {

	private static final int DEFAULT_PORT = 22;

	@Parameters(index = "0", paramLabel = "NODE",
			description = "The node, or a stored login's name; a trailing '.fleet' is dropped, so one ssh_config "
					+ "block serves every node.")
	private String node;

	@Option(names = { "-p", "--port" }, paramLabel = "PORT",
			description = "The sshd port on the node (default: the stored login's port, else 22).")
	private @Nullable Integer port;

	@Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
			description = "The sshd host as the node sees it (default: ${DEFAULT-VALUE}).")
	private String host;

	@Override
	protected int execute(Octl octl) throws IOException {
		String name = this.node.endsWith(".fleet") ? this.node.substring(0, this.node.length() - 6) : this.node;
		SshLogin target = target(octl, name);
		// Raw descriptors: ssh speaks binary, and nothing may be buffered away.
		OutputStream stdout = new FileOutputStream(FileDescriptor.out);
		try (TunnelConnection tunnel = octl.client().tunnels().open(target.node(), this.host, target.port())) {
			StreamSplice.run(new FileInputStream(FileDescriptor.in), stdout, () -> {
				try {
					stdout.close();
				}
				catch (IOException ex) {
					// ssh went away; nothing left to tell it.
				}
			}, tunnel);
		}
		return ExitStatus.OK;
	}

	/**
	 * Where to connect: an explicit port wins; else the login stored under the name (as
	 * 'octl ssh set' keeps the port there, and plain ssh/scp cannot pass it on); else the
	 * node of that name on port 22.
	 */
	private SshLogin target(Octl octl, String name) {
		if (this.port != null) {
			return new SshLogin(name, name, null, this.port);
		}
		try {
			return octl.client().ssh().get(name);
		}
		catch (OctoplaneApiException ex) {
			if (ex.errorCode().filter(ErrorCode.NOT_FOUND::equals).isPresent()) {
				return new SshLogin(name, name, null, DEFAULT_PORT);
			}
			throw ex;
		}
	}

}
