package io.octoplane.octl.scen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.octoplane.octl.ExitException;
import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code octl scen repo push}: commits the scenario folder ({@code .gitignore} honoured)
 * and pushes it to the scenario remote; a folder that is not a repository yet becomes
 * one.
 */
@Command(name = "push",
		description = { "Commit every change in ./SCEN (or --dir) and push it to the scenario remote.",
				"A scenarioRemote that is a local folder gets the bare repository SCEN.git on the first push; "
						+ "on a git server, create it first." },
		footerHeading = "%nExamples:%n", footer = { "  octl scen repo push helloWorld -m 'tuned prepare.sh'",
				"  OCTL_GIT_PASSWORD=$TOKEN octl scen repo push helloWorld -u alice" })
public final class ScenRepoPushCommand extends OctlCommand {

	@Parameters(index = "0", paramLabel = "SCEN", description = "The scenario's name.")
	private String name = "";

	@Option(names = "--dir", paramLabel = "FOLDER", description = "The scenario folder (default ./SCEN).")
	private @Nullable Path dir;

	@Option(names = { "-m", "--message" }, paramLabel = "TEXT", description = "The commit message.")
	private String message = "update";

	@Mixin
	private RepoCredentials credentials = new RepoCredentials();

	@Override
	protected int execute(Octl octl) {
		ScenarioRemote repository = ScenarioRemote.of(octl, this.name);
		String remote = repository.url();
		Path folder = octl.resolve((this.dir != null) ? this.dir : Path.of(this.name));
		if (!Files.isRegularFile(folder.resolve("deployment.yaml"))) {
			throw new ExitException(ExitStatus.INVALID_INPUT,
					folder + " is not a scenario folder (no deployment.yaml)");
		}
		try (Git git = open(folder)) {
			git.add().addFilepattern(".").call();
			git.add().addFilepattern(".").setUpdate(true).call();
			if (git.getRepository().resolve(Constants.HEAD) == null || !git.status().call().isClean()) {
				PersonIdent who = new PersonIdent("octl", "octl@" + octl.config().brain().getHost());
				git.commit().setMessage(this.message).setAuthor(who).setCommitter(who).call();
			}
			StoredConfig config = git.getRepository().getConfig();
			config.setString("remote", "origin", "url", remote);
			config.setString("remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
			config.save();
			String branch = git.getRepository().getBranch();
			if (repository.createIfLocalAndMissing(branch)) {
				spec().commandLine().getErr().println("created bare repository " + remote);
			}
			for (PushResult result : this.credentials.apply(git.push(), octl)
				.setRemote("origin")
				.setRefSpecs(new RefSpec("refs/heads/" + branch + ":refs/heads/" + branch))
				.call()) {
				for (RemoteRefUpdate update : result.getRemoteUpdates()) {
					if (update.getStatus() != RemoteRefUpdate.Status.OK
							&& update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
						throw new ExitException(ExitStatus.UNEXPECTED_STATE,
								"push to " + remote + " refused: " + update.getStatus()
										+ ((update.getMessage() != null) ? " " + update.getMessage() : "")
										+ " (clone it again, or pull and merge first)");
					}
				}
			}
			spec().commandLine().getErr().println("pushed " + folder + " to " + remote);
		}
		catch (GitAPIException | IOException ex) {
			if (ScenarioRemote.noRepository(ex)) {
				throw new ExitException(ExitStatus.UNEXPECTED_STATE, repository.missingForPush(), ex);
			}
			throw new ExitException(ExitStatus.GENERIC,
					"cannot push " + folder + " to " + remote + ": " + ex.getMessage(), ex);
		}
		return ExitStatus.OK;
	}

	private static Git open(Path folder) throws IOException, GitAPIException {
		if (Files.isDirectory(folder.resolve(".git"))) {
			return Git.open(folder.toFile());
		}
		return Git.init().setDirectory(folder.toFile()).setInitialBranch(ScenarioRemote.DEFAULT_BRANCH).call();
	}

}
