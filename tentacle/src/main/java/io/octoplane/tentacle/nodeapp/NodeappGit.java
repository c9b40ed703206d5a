package io.octoplane.tentacle.nodeapp;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import io.octoplane.protocol.agent.NodeappReport;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.jspecify.annotations.Nullable;

/**
 * A nodeapp's git repository, managed with JGit. Commits are made as
 * {@code octoplane <octoplane@NODE>}; {@code .gitignore} is honoured because JGit's add
 * honours it.
 */
public final class NodeappGit {

	/** Most commits {@link #log()} reports. */
	public static final int MAX_LOG = 200;

	private final Path folder;

	private final PersonIdent author;

	/**
	 * A nodeapp's repository (it need not exist yet).
	 * @param folder the nodeapp's folder
	 * @param node the node's name, for the committer's address
	 */
	public NodeappGit(Path folder, String node) {
		this.folder = folder;
		this.author = new PersonIdent("octoplane", "octoplane@" + node);
	}

	/**
	 * Creates the folder and its repository if they do not exist.
	 * @throws IOException if they cannot be created
	 */
	public void ensure() throws IOException {
		Files.createDirectories(this.folder);
		if (Files.isDirectory(this.folder.resolve(".git"))) {
			return;
		}
		try (Git git = Git.init().setDirectory(this.folder.toFile()).setInitialBranch("main").call()) {
			// created
		}
		catch (GitAPIException ex) {
			throw new IOException("cannot create the git repository in " + this.folder + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Commits every change; when nothing changed and a commit exists, makes none.
	 * @param message the commit message
	 * @return the head commit id afterwards
	 * @throws IOException if the repository cannot be read or written
	 */
	public String commit(String message) throws IOException {
		ensure();
		try (Git git = Git.open(this.folder.toFile())) {
			git.add().addFilepattern(".").call();
			git.add().addFilepattern(".").setUpdate(true).call();
			ObjectId head = git.getRepository().resolve(Constants.HEAD);
			if (head != null && git.status().call().isClean()) {
				return head.name();
			}
			return git.commit().setMessage(message).setAuthor(this.author).setCommitter(this.author).call().name();
		}
		catch (GitAPIException ex) {
			throw new IOException("cannot commit in " + this.folder + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Brings back the files of an earlier commit as a new commit on top of the current
	 * one, and checks them out: history is never rewritten.
	 * @param commitId the full id of a commit in this nodeapp's history
	 * @param message the new commit's message
	 * @return the new head commit id
	 * @throws IOException if the commit is unknown or the repository cannot be written
	 */
	public String reset(String commitId, String message) throws IOException {
		if (!Files.isDirectory(this.folder.resolve(".git"))) {
			throw new IOException("nodeapp " + this.folder.getFileName() + " does not exist on this node");
		}
		try (Git git = Git.open(this.folder.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
			ObjectId head = git.getRepository().resolve(Constants.HEAD);
			ObjectId target = ObjectId.isId(commitId) ? ObjectId.fromString(commitId) : null;
			if (head == null || target == null || !git.getRepository().getObjectDatabase().has(target)
					|| !walk.isMergedInto(walk.parseCommit(target), walk.parseCommit(head))) {
				throw new IOException(
						"commit " + commitId + " is not in the history of nodeapp " + this.folder.getFileName());
			}
			// Files and index from the target, then the branch back to where it was: the
			// commit below has the target's tree and the old head as its parent.
			git.reset().setMode(ResetCommand.ResetType.HARD).setRef(target.name()).call();
			git.reset().setMode(ResetCommand.ResetType.SOFT).setRef(head.name()).call();
			return git.commit()
				.setMessage(message)
				.setAuthor(this.author)
				.setCommitter(this.author)
				.setAllowEmpty(true)
				.call()
				.name();
		}
		catch (GitAPIException ex) {
			throw new IOException("cannot reset " + this.folder + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The current commit id.
	 * @return it, or {@code null} if the nodeapp does not exist or has no commit
	 * @throws IOException if the repository cannot be read
	 */
	public @Nullable String head() throws IOException {
		if (!Files.isDirectory(this.folder.resolve(".git"))) {
			return null;
		}
		try (Git git = Git.open(this.folder.toFile())) {
			ObjectId head = git.getRepository().resolve(Constants.HEAD);
			return (head != null) ? head.name() : null;
		}
	}

	/**
	 * The history, newest first, at most {@link #MAX_LOG} commits.
	 * @return the commits; empty if there are none
	 * @throws IOException if the repository cannot be read
	 */
	public List<NodeappReport.Commit> log() throws IOException {
		List<NodeappReport.Commit> commits = new ArrayList<>();
		if (head() == null) {
			return commits;
		}
		try (Git git = Git.open(this.folder.toFile())) {
			for (RevCommit commit : git.log().setMaxCount(MAX_LOG).call()) {
				commits.add(new NodeappReport.Commit(commit.name(), commit.getCommitTime(), commit.getFullMessage()));
			}
		}
		catch (GitAPIException ex) {
			throw new IOException("cannot read the history of " + this.folder + ": " + ex.getMessage(), ex);
		}
		return commits;
	}

	/**
	 * Deletes a folder and everything in it, without following links.
	 * @param folder the folder; nothing happens if it does not exist
	 * @throws IOException if something cannot be deleted
	 */
	public static void deleteTree(Path folder) throws IOException {
		if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		Files.walkFileTree(folder, new SimpleFileVisitor<>() {
			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				Files.delete(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException ex) throws IOException {
				if (ex != null) {
					throw ex;
				}
				Files.delete(dir);
				return FileVisitResult.CONTINUE;
			}
		});
	}

}
