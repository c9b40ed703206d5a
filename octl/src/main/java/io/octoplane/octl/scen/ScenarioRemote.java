package io.octoplane.octl.scen;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.octoplane.octl.ExitException;
import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.URIish;
import org.jspecify.annotations.Nullable;

/**
 * The git repository of one scenario under the octl config's {@code scenarioRemote}: a
 * URL or a local folder holding {@code NAME.git}. Knows whether it is local (then octl
 * may create it) and which branch to clone whatever the remote's {@code HEAD} says.
 *
 * @param url the repository's URL or path, {@code scenarioRemote/NAME.git}
 * @param name the scenario's name
 */
record ScenarioRemote(String url, String name) {

	/** The branch octl pushes from a folder that was no repository yet. */
	static final String DEFAULT_BRANCH = "main";

	/**
	 * The remote of a scenario.
	 * @param octl the running octl, for its config
	 * @param name the scenario's name
	 * @return the remote
	 * @throws ExitException if the config has no {@code scenarioRemote}
	 */
	static ScenarioRemote of(Octl octl, String name) {
		String base = octl.config().scenarioRemote();
		if (base == null) {
			throw new ExitException(ExitStatus.INVALID_INPUT,
					"no scenarioRemote in the octl config: set it to the git URL or folder holding <scenario>.git");
		}
		return new ScenarioRemote((base.endsWith("/") ? base : base + "/") + name + ".git", name);
	}

	/**
	 * The repository's folder when the remote is on this machine (a path or a
	 * {@code file:} URL).
	 * @return the folder, or empty for a remote reached over the network
	 */
	Optional<Path> localPath() {
		try {
			URIish uri = new URIish(this.url);
			boolean local = uri.getHost() == null && (uri.getScheme() == null || "file".equals(uri.getScheme()));
			return local ? Optional.of(Path.of(uri.getPath())) : Optional.empty();
		}
		catch (URISyntaxException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Creates the bare repository for a push when the remote is a local folder that does
	 * not hold it yet, its {@code HEAD} naming the pushed branch.
	 * @param branch the branch about to be pushed
	 * @return whether a repository was created
	 * @throws ExitException if the folder meant to hold it does not exist
	 * @throws IOException if it cannot be written
	 * @throws GitAPIException if JGit cannot create it
	 */
	boolean createIfLocalAndMissing(String branch) throws IOException, GitAPIException {
		Path path = localPath().orElse(null);
		if (path == null || Files.exists(path)) {
			return false;
		}
		Path parent = path.toAbsolutePath().getParent();
		if (parent == null || !Files.isDirectory(parent)) {
			throw new ExitException(ExitStatus.INVALID_INPUT, "the scenarioRemote folder " + parent
					+ " does not exist: create it, or set scenarioRemote in the octl config to an existing folder");
		}
		try (Git created = Git.init().setBare(true).setGitDir(path.toFile()).setInitialBranch(branch).call()) {
			return true;
		}
	}

	/**
	 * The message for a push to a repository that does not exist.
	 * @return what happened and how to fix it
	 */
	String missingForPush() {
		return this.url + " does not exist: create an empty bare repository " + this.name
				+ ".git on the git server (for example 'git init --bare " + this.name + ".git'), then push again";
	}

	/**
	 * The branch to clone: the one the remote's {@code HEAD} names if it exists, else
	 * {@value #DEFAULT_BRANCH}, else {@code master}, else the only or first branch. A
	 * bare repository made by {@code git init --bare} names {@code master} although octl
	 * pushed {@code main}.
	 * @param credentials what the remote may ask for
	 * @param octl the running octl
	 * @return the branch's full name ({@code refs/heads/...})
	 * @throws ExitException if the remote does not exist or has no branch
	 * @throws GitAPIException if the remote cannot be read
	 */
	String branchToClone(RepoCredentials credentials, Octl octl) throws GitAPIException {
		Collection<Ref> refs;
		try {
			refs = credentials.apply(Git.lsRemoteRepository(), octl).setRemote(this.url).call();
		}
		catch (GitAPIException ex) {
			if (noRepository(ex)) {
				throw new ExitException(ExitStatus.UNEXPECTED_STATE, this.url + " does not exist: push scenario "
						+ this.name + " first with 'octl scen repo push " + this.name + "'");
			}
			throw ex;
		}
		List<String> branches = refs.stream()
			.map(Ref::getName)
			.filter((ref) -> ref.startsWith(Constants.R_HEADS))
			.sorted()
			.toList();
		if (branches.isEmpty()) {
			throw new ExitException(ExitStatus.UNEXPECTED_STATE, this.url + " has no branch yet: push scenario "
					+ this.name + " first with 'octl scen repo push " + this.name + "'");
		}
		String head = refs.stream()
			.filter((ref) -> Constants.HEAD.equals(ref.getName()) && ref.isSymbolic())
			.map((ref) -> ref.getTarget().getName())
			.findFirst()
			.orElse(null);
		for (String wanted : new String[] { head, Constants.R_HEADS + DEFAULT_BRANCH, Constants.R_HEADS + "master" }) {
			if (wanted != null && branches.contains(wanted)) {
				return wanted;
			}
		}
		return branches.get(0);
	}

	/**
	 * Whether a git failure says the repository does not exist.
	 * @param failure what JGit threw
	 * @return {@code true} if a {@link NoRemoteRepositoryException} is in its chain
	 */
	static boolean noRepository(Throwable failure) {
		for (@Nullable
		Throwable current = failure; current != null; current = current.getCause()) {
			if (current instanceof NoRemoteRepositoryException) {
				return true;
			}
		}
		return false;
	}

}
