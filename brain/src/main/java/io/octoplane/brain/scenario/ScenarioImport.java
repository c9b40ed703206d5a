package io.octoplane.brain.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import io.octoplane.brain.config.BrainProperties;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Moves scenario repositories that an earlier brain kept on its disk
 * ({@code <data-dir>/scenarios/wg-<workgroup>/<name>.git}) into Redis once, at start:
 * their history is fetched whole into the shared repository, and the folder is renamed
 * {@code <name>.git.imported} so it is neither imported again nor lost. A scenario that
 * Redis already has (another brain imported it, or it was applied since) is left alone.
 */
@Component
class ScenarioImport {

	private static final Logger logger = LoggerFactory.getLogger(ScenarioImport.class);

	private final Path root;

	private final ScenarioVersions versions;

	ScenarioImport(BrainProperties brain, ScenarioVersions versions) {
		this.root = brain.dataDir().resolve("scenarios");
		this.versions = versions;
	}

	@EventListener(ApplicationReadyEvent.class)
	void importAll() {
		if (!Files.isDirectory(this.root)) {
			return;
		}
		try (Stream<Path> groups = Files.list(this.root)) {
			for (Path group : groups.filter((path) -> path.getFileName().toString().startsWith("wg-")).toList()) {
				String workgroup = new String(
						Base64.getUrlDecoder().decode(group.getFileName().toString().substring(3)),
						StandardCharsets.UTF_8);
				try (Stream<Path> repositories = Files.list(group)) {
					for (Path folder : repositories.filter((path) -> path.getFileName().toString().endsWith(".git"))
						.toList()) {
						String file = folder.getFileName().toString();
						importOne(workgroup, file.substring(0, file.length() - ".git".length()), folder);
					}
				}
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			logger.warn("Cannot read the scenario folders under {}: {}", this.root, ex.getMessage());
		}
	}

	private void importOne(String workgroup, String name, Path folder) {
		if (this.versions.exists(workgroup, name)) {
			logger.info("Scenario {} in {} is in Redis already; {} is left as it is", name, workgroup, folder);
			return;
		}
		try (Repository target = this.versions.openForImport(workgroup, name); Git git = new Git(target)) {
			git.fetch()
				.setRemote(folder.toUri().toString())
				.setRefSpecs(List.of(new RefSpec("+refs/heads/*:refs/heads/*")))
				.call();
			target.updateRef(Constants.HEAD).link(ScenarioVersions.BRANCH);
			Files.move(folder, folder.resolveSibling(folder.getFileName() + ".imported"));
			logger.info("Scenario {} in {} imported into Redis from {}", name, workgroup, folder);
		}
		catch (IOException | GitAPIException ex) {
			logger.warn("Cannot import scenario {} in {} from {}: {}", name, workgroup, folder, ex.getMessage());
		}
	}

}
