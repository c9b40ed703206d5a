package io.octoplane.brain.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.ScenarioVersionsResponse;
import io.octoplane.server.redis.RedisKeys;
import io.octoplane.server.web.InvalidRequestException;
import io.octoplane.server.web.NotFoundException;
import org.eclipse.jgit.internal.storage.dfs.DfsPackCompactor;
import org.eclipse.jgit.internal.storage.dfs.DfsPackFile;
import org.eclipse.jgit.internal.storage.pack.PackExt;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Scenario versions: one bare JGit repository per scenario, kept in Redis
 * ({@link RedisGitRepository}) so every brain sharing it reads and writes the same
 * versions; the set {@code octoplane:scenarios:<workgroup>} names a workgroup's
 * scenarios. Writers hold the scenario's lock ({@link ScenarioLocks}); the branch moves
 * by compare-and-set all the same, so a version is never lost to a race. A version is a
 * commit on {@code main} whose tree holds {@code deployment.yaml}, the {@code alias.yaml}
 * it names (if any) and {@code nodeapps.json} (each {@code <app>@<node>} and its commit),
 * so its id is a content hash of what was deployed. Versions are only ever added: a reset
 * is a new commit with an old tree.
 */
@Component
class ScenarioVersions {

	static final String NODEAPPS = "nodeapps.json";

	static final String BRANCH = "refs/heads/main";

	private static final int MIN_PREFIX = 3;

	/** Packs a repository may have before they are folded into one. */
	static final int MAX_PACKS = 16;

	/** How long a replaced pack stays readable for a brain that listed it just before. */
	private static final long GARBAGE_GRACE_SECONDS = 60;

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	ScenarioVersions(StringRedisTemplate redis, JsonMapper json) {
		this.redis = redis;
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
	String record(String workgroup, String name, byte[] deployment, byte @Nullable [] aliases,
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
	String reset(String workgroup, String name, String versionId, String message, String who) {
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
	boolean delete(String workgroup, String name) {
		String prefix = prefix(workgroup, name);
		List<String> keys = new ArrayList<>(List.of(prefix + "packs", prefix + "garbage", prefix + "refs"));
		for (String list : List.of("packs", "garbage")) {
			for (Object pack : this.redis.opsForHash().keys(prefix + list)) {
				for (PackExt ext : PackExt.values()) {
					keys.add(prefix + "file:" + pack + "." + ext.getExtension());
				}
			}
		}
		this.redis.delete(keys);
		Long removed = this.redis.opsForSet().remove(namesKey(workgroup), name);
		return removed != null && removed > 0;
	}

	boolean exists(String workgroup, String name) {
		return Boolean.TRUE.equals(this.redis.opsForSet().isMember(namesKey(workgroup), name));
	}

	/** Names of the workgroup's scenarios, sorted. */
	List<String> names(String workgroup) {
		Set<String> names = this.redis.opsForSet().members(namesKey(workgroup));
		return (names != null) ? names.stream().sorted().toList() : List.of();
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
		if (parent == null) {
			repository.updateRef(Constants.HEAD).link(BRANCH);
		}
		compact(repository);
		return id.name();
	}

	/**
	 * Folds a repository's packs into one once there are many: every version adds a pack,
	 * and each read looks through all of them.
	 */
	private static void compact(Repository repository) throws IOException {
		if (!(repository instanceof RedisGitRepository stored)) {
			return;
		}
		DfsPackFile[] packs = stored.getObjectDatabase().getPacks();
		if (packs.length <= MAX_PACKS) {
			return;
		}
		DfsPackCompactor compactor = new DfsPackCompactor(stored);
		for (DfsPackFile pack : packs) {
			compactor.add(pack);
		}
		compactor.compact(NullProgressMonitor.INSTANCE);
		((RedisObjDatabase) stored.getObjectDatabase()).collectGarbage(GARBAGE_GRACE_SECONDS);
	}

	private Repository open(String workgroup, String name, boolean create) throws IOException {
		if (!exists(workgroup, name)) {
			if (!create) {
				throw new NotFoundException(ErrorCode.SCENARIO_NOT_FOUND, "no scenario " + name);
			}
			this.redis.opsForSet().add(namesKey(workgroup), name);
		}
		return RedisGitRepository.open(this.redis, encode(workgroup) + "/" + name, prefix(workgroup, name));
	}

	/** A new scenario's repository, to fill with an earlier history. */
	Repository openForImport(String workgroup, String name) throws IOException {
		return open(workgroup, name, true);
	}

	/** The keys of one scenario's repository, all in one hash slot. */
	private static String prefix(String workgroup, String name) {
		return RedisKeys.PREFIX + "scenario:{" + encode(workgroup) + ":" + name + "}:";
	}

	private static String namesKey(String workgroup) {
		return RedisKeys.PREFIX + "scenarios:" + encode(workgroup);
	}

	private static String encode(String workgroup) {
		// Workgroup paths hold slashes and braces would break the hash tag.
		return "wg-"
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(workgroup.getBytes(StandardCharsets.UTF_8));
	}

}
