package io.octoplane.octl.ssh;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code octl ssh}: groups the SSH commands. */
@Command(name = "ssh",
		description = { "SSH to nodes through the brain, also behind NAT: the node's tentacle connects to its own sshd "
				+ "and dials back; your OpenSSH client, keys and agent do the rest. No password is ever stored." },
		subcommands = { SshSetCommand.class, SshListCommand.class, SshDeleteCommand.class, SshLoginCommand.class,
				SshProxyCommand.class },
		footerHeading = "%nExamples:%n",
		footer = { "  octl ssh set pi-24 --user pi", "  octl ssh login pi-24", "  octl ssh login pi-24 uptime",
				"  scp -o 'ProxyCommand=octl ssh proxy pi-24' build.tar pi@pi-24:/tmp/" })
public final class SshCommand implements Runnable {

	@Spec
	private CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "missing command: use 'octl ssh set|ls|del|login|proxy'");
	}

}
