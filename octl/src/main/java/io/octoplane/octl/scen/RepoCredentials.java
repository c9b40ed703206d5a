package io.octoplane.octl.scen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.octoplane.octl.ExitException;
import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Credentials of {@code scen repo clone|push} for a scenario remote that asks for them: a
 * user name with a password or token (HTTP(S) remotes), or an ssh key (ssh remotes). A
 * secret is never given on the command line, where other users could read it: it comes
 * from a file or an environment variable ({@value #PASSWORD_ENV} by default).
 */
public final class RepoCredentials {

	/** The variable a password or token is read from when no other source is named. */
	static final String PASSWORD_ENV = "OCTL_GIT_PASSWORD";

	@Option(names = { "-u", "--username" }, paramLabel = "USER",
			description = "User name on the git server (HTTP(S) remotes; for ssh, put it in the URL or use this).")
	private @Nullable String username;

	@Option(names = "--password-file", paramLabel = "FILE",
			description = "Read the password or token from FILE (its first line).")
	private @Nullable Path passwordFile;

	@Option(names = "--password-env", paramLabel = "VAR",
			description = "Read the password or token from environment variable VAR (default " + PASSWORD_ENV + ").")
	private @Nullable String passwordEnv;

	@Option(names = "--ssh-key", paramLabel = "FILE",
			description = "Private key for ssh remotes, used with the system's ssh client.")
	private @Nullable Path sshKey;

	@Option(names = "--known-hosts", paramLabel = "FILE",
			description = "Known hosts file for ssh remotes (default: ssh's own); unknown hosts are refused.")
	private @Nullable Path knownHosts;

	/**
	 * Sets the credentials on a git command that talks to the remote.
	 * @param command the clone, push or ls-remote
	 * @param octl the running octl, for its environment and working folder
	 * @param <C> the command's type
	 * @return the command
	 * @throws ExitException if a named secret source cannot be read
	 */
	<C extends TransportCommand<C, ?>> C apply(C command, Octl octl) {
		String password = password(octl);
		if (password != null) {
			if (this.username == null) {
				throw new ExitException(ExitStatus.INVALID_INPUT, "a password or token needs a user name: add -u USER");
			}
			command.setCredentialsProvider(new UsernamePasswordCredentialsProvider(this.username, password));
		}
		if (this.sshKey != null) {
			Path key = octl.resolve(this.sshKey);
			if (!Files.isReadable(key)) {
				throw new ExitException(ExitStatus.INVALID_INPUT, "cannot read the ssh key " + key);
			}
			SystemSsh ssh = new SystemSsh(key, (this.knownHosts != null) ? octl.resolve(this.knownHosts) : null,
					this.username);
			command.setTransportConfigCallback((transport) -> {
				if (transport instanceof SshTransport sshTransport) {
					sshTransport.setSshSessionFactory(ssh);
				}
			});
		}
		return command;
	}

	private @Nullable String password(Octl octl) {
		if (this.passwordFile != null) {
			Path file = octl.resolve(this.passwordFile);
			try {
				String text = Files.readString(file, StandardCharsets.UTF_8);
				int newline = text.indexOf('\n');
				String line = ((newline < 0) ? text : text.substring(0, newline)).strip();
				if (line.isEmpty()) {
					throw new ExitException(ExitStatus.INVALID_INPUT, file + " holds no password or token");
				}
				return line;
			}
			catch (IOException ex) {
				throw new ExitException(ExitStatus.INVALID_INPUT, "cannot read the password file " + file + ": " + ex);
			}
		}
		if (this.passwordEnv != null) {
			String value = octl.environment(this.passwordEnv);
			if (value == null || value.isEmpty()) {
				throw new ExitException(ExitStatus.INVALID_INPUT,
						"environment variable " + this.passwordEnv + " is not set");
			}
			return value;
		}
		String fallback = octl.environment(PASSWORD_ENV);
		return (this.username != null && fallback != null && !fallback.isEmpty()) ? fallback : null;
	}

}
