package io.octoplane.brain.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.octoplane.brain.config.BrainProperties;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.ScenarioVersionsResponse;
import io.octoplane.server.web.InvalidRequestException;
import io.octoplane.server.web.NotFoundException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Scenario versions: one bare JGit repository per scenario under
 * {@code <data-dir>/scenarios/<workgroup>/<name>.git}. A version is a commit on
 * {@code main} whose tree holds {@code deployment.yaml}, the {@code alias.yaml} it names
 * (if any) and {@code nodeapps.json} (each {@code <app>@<node>} and its commit), so its
 * id is a content hash of what was deployed. Versions are only ever added: a reset is a
 * new commit with an old tree.
 */
@Component
class ScenarioVersions {

	static final String NODEAPPS = "nodeapps.json";

	private static final String BRANCH = "refs/heads/main";

	private static final int MIN_PREFIX = 3;

	private final Path root;

	private final JsonMapper json;

	ScenarioVersions(BrainProperties brain, JsonMapper json) {
		this.root = brain.dataDir().resolve("scenarios");
		this.json = json;
	}

	/**
	 * Records a version on top of the current one.
	 * @param workgroup the scenario's workgroup
	 * @param name the scenario
	 * @param deployment the deployment file's bytes
	 * @param aliases the alias file's bytes, or {@code null} if the folder had none
	 * @param nodeapps each {@code <app>@<node>} and its commit id
	 * @param message what it is for
	 * @param who the operator, for the commit's author
	 * @return the new version's id
	 */
	synchronized String record(String workgroup, String name, byte[] deployment, byte @Nullable [] aliases,
			Map<String, String> nodeapps, String message, String who) {
		try (Repository repository = open(workgroup, name, true);
				ObjectInserter inserter = repository.newObjectInserter()) {
			TreeFormatter tree = new TreeFormatter();
			// Entries sorted by name, as git requires.
			if (aliases != null) {
				tree.append(AliasFile.FILE, FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB, aliases));
			}
			tree.append(ScenarioFolder.DEPLOYMENT, FileMode.REGULAR_FILE,
					inserter.insert(Constants.OBJ_BLOB, deployment));
			tree.append(NODEAPPS, FileMode.REGULAR_FILE,
					inserter.insert(Constants.OBJ_BLOB, this.json.writeValueAsBytes(new TreeMap<>(nodeapps))));
			return commit(repository, inserter, inserter.insert(tree), message, who);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Records a new version with the files of an earlier one.
	 * @return the new version's id
	 */
	synchronized String reset(String workgroup, String name, String versionId, String message, String who) {
		try (Repository repository = open(workgroup, name, false);
				RevWalk walk = new RevWalk(repository);
				ObjectInserter inserter = repository.newObjectInserter()) {
			RevCommit old = walk.parseCommit(ObjectId.fromString(versionId));
			return commit(repository, inserter, old.getTree(), message, who);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Finds the one version whose id starts with a prefix.
	 * @return its full id
	 */
	String resolve(String workgroup, String name, String prefix) {
		if (prefix.length() < MIN_PREFIX || prefix.length() > Constants.OBJECT_ID_STRING_LENGTH
				|| !prefix.matches("[0-9a-fA-F]+")) {
			throw new InvalidRequestException("version must be " + MIN_PREFIX + " to "
					+ Constants.OBJECT_ID_STRING_LENGTH + " hexadecimal characters of a version id");
		}
		try (Repository repository = open(workgroup, name, false);
				ObjectReader reader = repository.newObjectReader();
				RevWalk walk = new RevWalk(repository)) {
			List<ObjectId> found = new ArrayList<>();
			for (ObjectId id : reader.resolve(AbbreviatedObjectId.fromString(prefix.toLowerCase()))) {
				// A complete id resolves to itself whether or not it is stored.
				if (reader.has(id) && reader.open(id).getType() == Constants.OBJ_COMMIT) {
					found.add(id);
				}
			}
			if (found.isEmpty()) {
				throw new NotFoundException(ErrorCode.VERSION_NOT_FOUND,
						"scenario " + name + " has no version starting with " + prefix);
			}
			if (found.size() > 1) {
				throw new InvalidRequestException("version prefix " + prefix + " matches " + found.size()
						+ " versions of scenario " + name + "; give more characters");
			}
			return found.get(0).name();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A version's files: the deployment file, its alias file ({@code null} if none) and
	 * the nodeapp commits.
	 */
	record Content(String id, byte[] deployment, byte @Nullable [] aliases, Map<String, String> nodeapps) {

	}

	Optional<Content> head(String workgroup, String name) {
		if (!exists(workgroup, name)) {
			return Optional.empty();
		}
		try (Repository repository = open(workgroup, name, false)) {
			ObjectId head = repository.resolve(BRANCH);
			return (head != null) ? Optional.of(read(repository, head)) : Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Content content(String workgroup, String name, String id) {
		try (Repository repository = open(workgroup, name, false)) {
			return read(repository, ObjectId.fromString(id));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	ScenarioVersionsResponse list(String workgroup, String name, int offset, int limit) {
		try (Repository repository = open(workgroup, name, false); RevWalk walk = new RevWalk(repository)) {
			ObjectId head = repository.resolve(BRANCH);
			List<ScenarioVersionsResponse.Version> versions = new ArrayList<>();
			int total = 0;
			if (head != null) {
				walk.markStart(walk.parseCommit(head));
				for (RevCommit commit : walk) {
					if (total >= offset && versions.size() < limit) {
						versions.add(new ScenarioVersionsResponse.Version(commit.name(),
								Instant.ofEpochSecond(commit.getCommitTime()), commit.getFullMessage(),
								read(repository, commit).nodeapps()));
					}
					total++;
				}
			}
			return new ScenarioVersionsResponse(name, total, versions);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Deletes a scenario's repository.
	 * @return whether there was one
	 */
	synchronized boolean delete(String workgroup, String name) {
		Path folder = folder(workgroup, name);
		if (!Files.isDirectory(folder)) {
			return false;
		}
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
			return true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	boolean exists(String workgroup, String name) {
		return Files.isDirectory(folder(workgroup, name));
	}

	/** Names of the workgroup's scenarios, sorted. */
	List<String> names(String workgroup) {
		Path folder = this.root.resolve(encode(workgroup));
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> children = Files.list(folder)) {
			return children.map((child) -> child.getFileName().toString())
				.filter((file) -> file.endsWith(".git"))
				.map((file) -> file.substring(0, file.length() - ".git".length()))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Content read(Repository repository, ObjectId commitId) throws IOException {
		try (RevWalk walk = new RevWalk(repository)) {
			RevCommit commit = walk.parseCommit(commitId);
			byte[] deployment = blob(repository, commit, ScenarioFolder.DEPLOYMENT);
			byte[] nodeapps = blob(repository, commit, NODEAPPS);
			Map<String, String> parsed = (nodeapps != null)
					? this.json.readValue(nodeapps, new TypeReference<Map<String, String>>() {
					}) : Map.of();
			return new Content(commit.name(), (deployment != null) ? deployment : new byte[0],
					blob(repository, commit, AliasFile.FILE), parsed);
		}
	}

	private static byte @Nullable [] blob(Repository repository, RevCommit commit, String path) throws IOException {
		try (TreeWalk walk = TreeWalk.forPath(repository, path, commit.getTree())) {
			return (walk != null) ? repository.open(walk.getObjectId(0)).getBytes() : null;
		}
	}

	private static String commit(Repository repository, ObjectInserter inserter, ObjectId tree, String message,
			String who) throws IOException {
		ObjectId parent = repository.resolve(BRANCH);
		PersonIdent author = new PersonIdent(who, who + "@octoplane");
		CommitBuilder commit = new CommitBuilder();
		commit.setTreeId(tree);
		if (parent != null) {
			commit.setParentId(parent);
		}
		commit.setAuthor(author);
		commit.setCommitter(author);
		commit.setMessage(message);
		ObjectId id = inserter.insert(commit);
		inserter.flush();
		RefUpdate update = repository.updateRef(BRANCH);
		update.setNewObjectId(id);
		update.setExpectedOldObjectId((parent != null) ? parent : ObjectId.zeroId());
		RefUpdate.Result result = update.update();
		if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
			throw new IOException("cannot move " + BRANCH + " to the new version: " + result);
		}
		return id.name();
	}

	private Repository open(String workgroup, String name, boolean create) throws IOException {
		Path folder = folder(workgroup, name);
		if (!Files.isDirectory(folder)) {
			if (!create) {
				throw new NotFoundException(ErrorCode.SCENARIO_NOT_FOUND, "no scenario " + name);
			}
			Files.createDirectories(folder);
			Repository repository = new FileRepositoryBuilder().setGitDir(folder.toFile()).setBare().build();
			repository.create(true);
			repository.updateRef(Constants.HEAD).link(BRANCH);
			return repository;
		}
		return new FileRepositoryBuilder().setGitDir(folder.toFile()).setBare().build();
	}

	Path folder(String workgroup, String name) {
		return this.root.resolve(encode(workgroup)).resolve(name + ".git");
	}

	private static String encode(String workgroup) {
		// Workgroup paths hold slashes; the encoding keeps each one a single folder.
		return "wg-"
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(workgroup.getBytes(StandardCharsets.UTF_8));
	}

}
