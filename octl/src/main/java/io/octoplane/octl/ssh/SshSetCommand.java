package io.octoplane.octl.ssh;

import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.protocol.api.SshLogin;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code octl ssh set NODE}: stores where to log in on a node. */
@Command(name = "set",
		description = "Store an SSH login for a node in the acting workgroup: user and sshd port. Keys and your "
				+ "SSH agent authenticate; no password is stored.",
		footerHeading = "%nExamples:%n",
		footer = { "  octl ssh set pi-24 --user pi", "  octl ssh set pi-24 --user root --port 2222 --name pi-24-root" })
public final class SshSetCommand extends OctlCommand {

	@Parameters(index = "0", paramLabel = "NODE", description = "The node whose sshd to reach.")
	private String node;

	@Option(names = { "-u", "--user" }, paramLabel = "USER",
			description = "Remote user (default: ssh's own choice, usually your local user name).")
	private @Nullable String user;

	@Option(names = { "-p", "--port" }, paramLabel = "PORT", defaultValue = "22",
			description = "The sshd port on the node (default: ${DEFAULT-VALUE}).")
	private int port;

	@Option(names = "--name", paramLabel = "NAME", description = "The login's name (default: the node's name).")
	private @Nullable String name;

	@Override
	protected int execute(Octl octl) {
		String loginName = (this.name != null) ? this.name : this.node;
		SshLogin saved = octl.client().ssh().save(new SshLogin(loginName, this.node, this.user, this.port));
		octl.printer(spec()).print(saved, SshListCommand::row);
		return ExitStatus.OK;
	}

}
