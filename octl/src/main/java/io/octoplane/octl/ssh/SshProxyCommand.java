package io.octoplane.octl.ssh;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.sdk.TunnelConnection;
import io.octoplane.octl.tunnel.StreamSplice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code octl ssh proxy NODE}: joins standard input and output to the node's sshd, for
 * OpenSSH's {@code ProxyCommand}. It writes nothing else to standard output.
 */
@Command(name = "proxy",
		description = "Connect standard input and output to a node's sshd through the brain; meant as OpenSSH's "
				+ "ProxyCommand (ssh, scp, sftp, rsync -e ssh, git over ssh all work through it).",
		footerHeading = "%nExamples:%n", footer = { "  ssh -o 'ProxyCommand=octl ssh proxy %n' pi@pi-24",
				"  # in ~/.ssh/config:", "  #   Host *.fleet", "  #     ProxyCommand octl ssh proxy %n" })
public final class SshProxyCommand extends OctlCommand {

	@Parameters(index = "0", paramLabel = "NODE",
			description = "The node; a trailing '.fleet' is dropped, so one ssh_config block serves every node.")
	private String node;

	@Option(names = { "-p", "--port" }, paramLabel = "PORT", defaultValue = "22",
			description = "The sshd port on the node (default: ${DEFAULT-VALUE}).")
	private int port;

	@Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
			description = "The sshd host as the node sees it (default: ${DEFAULT-VALUE}).")
	private String host;

	@Override
	protected int execute(Octl octl) throws IOException {
		String name = this.node.endsWith(".fleet") ? this.node.substring(0, this.node.length() - 6) : this.node;
		// Raw descriptors: ssh speaks binary, and nothing may be buffered away.
		OutputStream stdout = new FileOutputStream(FileDescriptor.out);
		try (TunnelConnection tunnel = octl.client().tunnels().open(name, this.host, this.port)) {
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

}
