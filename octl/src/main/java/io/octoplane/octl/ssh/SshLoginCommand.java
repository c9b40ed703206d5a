package io.octoplane.octl.ssh;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.daemon.TerminalBound;
import io.octoplane.protocol.api.SshLogin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code octl ssh login NAME}: runs the system OpenSSH client with {@code octl ssh proxy}
 * as its ProxyCommand and exits with ssh's status.
 */
@Command(name = "login",
		description = {
				"Log in to a node with the system ssh client through the brain, using a login stored with "
						+ "'octl ssh set'. Arguments after the name go to ssh after the destination: a remote command, "
						+ "or ssh options after '--'.",
				"The node's host key is remembered under the alias NODE.fleet, so it never mixes with real host names. "
						+ "Set OCTL_SSH to use another ssh binary." },
		footerHeading = "%nExamples:%n", footer = { "  octl ssh login pi-24", "  octl ssh login pi-24 uptime",
				"  octl ssh login pi-24 -- -i ~/.ssh/fleet_ed25519 -L 8080:127.0.0.1:80" })
public final class SshLoginCommand extends OctlCommand implements TerminalBound {

	@Parameters(index = "0", paramLabel = "NAME", description = "The login's name (see 'octl ssh ls').")
	private String name;

	@Parameters(index = "1..*", paramLabel = "SSH_ARG", description = "ssh options (after '--') and remote command.")
	private List<String> sshArgs = new ArrayList<>();

	@Override
	protected int execute(Octl octl) throws Exception {
		SshLogin login = octl.client().ssh().get(this.name);
		String ssh = (octl.env("OCTL_SSH") != null) ? octl.env("OCTL_SSH") : "ssh";
		List<String> command = new ArrayList<>();
		command.add(ssh);
		command.add("-o");
		command.add("ProxyCommand=" + proxyCommand(octl, login));
		command.add("-o");
		command.add("HostKeyAlias=" + login.node() + ".fleet");
		if (login.user() != null) {
			command.add("-l");
			command.add(login.user());
		}
		command.add(login.node());
		command.addAll(this.sshArgs);
		Process process = new ProcessBuilder(command).inheritIO().start();
		return process.waitFor();
	}

	/**
	 * The ProxyCommand line: this very octl with the same config file, so the proxy talks
	 * to the same brain as this command did.
	 */
	static String proxyCommand(Octl octl, SshLogin login) {
		List<String> words = new ArrayList<>(self(octl));
		words.add("--config");
		words.add(octl.configPath().toString());
		String context = octl.context();
		if (context != null) {
			words.add("--context");
			words.add(context);
		}
		words.addAll(List.of("ssh", "proxy", login.node(), "--port", Integer.toString(login.port())));
		return String.join(" ", words.stream().map(SshLoginCommand::shellQuoted).toList());
	}

	/**
	 * How to run octl again: {@code $OCTL_COMMAND} when a launcher script set it, else
	 * this JVM with octl's class path.
	 */
	static List<String> self(Octl octl) {
		String configured = octl.env("OCTL_COMMAND");
		if (configured != null) {
			return List.of(configured);
		}
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String classPath = System.getProperty("java.class.path");
		if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
			return List.of(java, "-jar", classPath);
		}
		return List.of(java, "-cp", classPath, Octl.class.getName());
	}

	// ssh runs the ProxyCommand with a shell after expanding its own %-tokens.
	static String shellQuoted(String word) {
		return "'" + word.replace("'", "'\\''").replace("%", "%%") + "'";
	}

}
