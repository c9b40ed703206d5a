package io.octoplane.octl.scen;

import java.nio.file.Files;
import java.nio.file.Path;

import io.octoplane.octl.ExitException;
import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code octl scen repo clone}: a scenario folder from the scenario remote. */
@Command(name = "clone", description = "Clone scenario SCEN from the scenario remote into ./SCEN (or --dir).",
		footerHeading = "%nExamples:%n",
		footer = { "  octl scen repo clone helloWorld --dir /tmp/helloWorld",
				"  octl scen repo clone helloWorld -u alice --password-file ~/.git-token",
				"  octl scen repo clone helloWorld --ssh-key ~/.ssh/id_ed25519" })
public final class ScenRepoCloneCommand extends OctlCommand {

	@Parameters(index = "0", paramLabel = "SCEN", description = "The scenario's name.")
	private String name = "";

	@Option(names = "--dir", paramLabel = "FOLDER", description = "Where to clone to (default ./SCEN).")
	private @Nullable Path dir;

	@Mixin
	private RepoCredentials credentials = new RepoCredentials();

	@Override
	protected int execute(Octl octl) {
		ScenarioRemote repository = ScenarioRemote.of(octl, this.name);
		String remote = repository.url();
		Path target = octl.resolve((this.dir != null) ? this.dir : Path.of(this.name));
		if (Files.exists(target)) {
			throw new ExitException(ExitStatus.UNEXPECTED_STATE, target + " already exists");
		}
		try (Git git = this.credentials.apply(Git.cloneRepository(), octl)
			.setURI(remote)
			.setBranch(repository.branchToClone(this.credentials, octl))
			.setDirectory(target.toFile())
			.call()) {
			spec().commandLine().getErr().println("cloned " + remote + " into " + target);
		}
		catch (GitAPIException ex) {
			throw new ExitException(ExitStatus.GENERIC, "cannot clone " + remote + ": " + ex.getMessage(), ex);
		}
		return ExitStatus.OK;
	}

}
