package io.octoplane.octl.scen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RemoteSession;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FS;
import org.jspecify.annotations.Nullable;

/**
 * JGit's ssh transport over the system's {@code ssh} client with one private key, as git
 * does with {@code GIT_SSH_COMMAND='ssh -i KEY'}: JGit's own ssh implementations are
 * separate libraries, and the system client already knows the user's ssh configuration.
 * It runs in batch mode (it never prompts), offers only the given key, and checks host
 * keys strictly against the given known hosts file, if any.
 */
final class SystemSsh extends SshSessionFactory {

	private final Path key;

	private final @Nullable Path knownHosts;

	private final @Nullable String username;

	SystemSsh(Path key, @Nullable Path knownHosts, @Nullable String username) {
		this.key = key;
		this.knownHosts = knownHosts;
		this.username = username;
	}

	@Override
	public RemoteSession getSession(URIish uri, CredentialsProvider credentials, FS fs, int timeoutMillis) {
		List<String> command = new ArrayList<>(
				List.of("ssh", "-i", this.key.toString(), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes"));
		if (this.knownHosts != null) {
			command.addAll(List.of("-o", "UserKnownHostsFile=" + this.knownHosts, "-o", "StrictHostKeyChecking=yes"));
		}
		if (timeoutMillis > 0) {
			command.addAll(List.of("-o", "ConnectTimeout=" + Math.max(1, timeoutMillis / 1000)));
		}
		if (uri.getPort() > 0) {
			command.addAll(List.of("-p", Integer.toString(uri.getPort())));
		}
		String user = (uri.getUser() != null) ? uri.getUser() : this.username;
		if (user != null) {
			command.addAll(List.of("-l", user));
		}
		command.add(uri.getHost());
		return new Session(command);
	}

	@Override
	public String getType() {
		return "system-ssh";
	}

	/** One remote command per {@code ssh} process. */
	private record Session(List<String> ssh) implements RemoteSession {

		@Override
		public Process exec(String remoteCommand, int timeout) throws IOException {
			List<String> command = new ArrayList<>(this.ssh);
			command.add(remoteCommand);
			return new ProcessBuilder(command).start();
		}

		@Override
		public void disconnect() {
			// Each exec is its own process, ended by its streams.
		}

	}

}
