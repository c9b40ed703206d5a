package io.octoplane.brain.scenario;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import io.octoplane.brain.config.BrainProperties;
import io.octoplane.brain.redis.RedisTemplateExtension;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioImportIT {

	@RegisterExtension
	static final RedisTemplateExtension redisServer = new RedisTemplateExtension();

	private static StringRedisTemplate redis;

	@TempDir
	Path data;

	@BeforeAll
	static void connect() {
		redis = redisServer.template();
	}

	@Test
	void aRepositoryOnDiskMovesIntoRedisWithItsHistoryOnce() throws Exception {
		String workgroup = "/team";
		Path folder = this.data.resolve("scenarios")
			.resolve("wg-" + Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(workgroup.getBytes(StandardCharsets.UTF_8)))
			.resolve("legacy.git");
		Path work = this.data.resolve("work");
		try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
			for (String version : new String[] { "one", "two" }) {
				Files.writeString(work.resolve(ScenarioFolder.DEPLOYMENT), "name: legacy # " + version + "\n");
				git.add().addFilepattern(".").call();
				git.commit().setMessage(version).setAuthor("alice", "alice@octoplane").call();
			}
		}
		try (Git bare = Git.cloneRepository()
			.setURI(work.toUri().toString())
			.setBare(true)
			.setDirectory(folder.toFile())
			.call()) {
			assertThat(bare.getRepository().resolve("refs/heads/main")).isNotNull();
		}
		ScenarioVersions versions = new ScenarioVersions(redis, JsonMapper.builder().build());
		ScenarioImport importer = new ScenarioImport(new BrainProperties("test", this.data, "", true), versions);

		importer.importAll();

		assertThat(versions.names(workgroup)).containsExactly("legacy");
		assertThat(versions.list(workgroup, "legacy", 0, 10).versions()).extracting((version) -> version.message())
			.containsExactly("two", "one");
		assertThat(new String(versions.head(workgroup, "legacy").orElseThrow().deployment(), StandardCharsets.UTF_8))
			.contains("# two");
		assertThat(folder).doesNotExist();
		assertThat(folder.resolveSibling("legacy.git.imported")).isDirectory();
		try (Repository kept = new FileRepositoryBuilder()
			.setGitDir(folder.resolveSibling("legacy.git.imported").toFile())
			.build()) {
			assertThat(kept.resolve(Constants.HEAD)).isNotNull();
		}
		importer.importAll();
		assertThat(versions.list(workgroup, "legacy", 0, 10).total()).isEqualTo(2);
	}

}
