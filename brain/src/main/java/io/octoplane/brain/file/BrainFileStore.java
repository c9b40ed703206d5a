package io.octoplane.brain.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

import io.octoplane.brain.config.BrainProperties;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.file.FileListSpec;
import io.octoplane.protocol.file.FileListing;
import io.octoplane.protocol.file.FileTree;
import io.octoplane.server.web.InvalidRequestException;
import io.octoplane.server.web.NotFoundException;
import io.octoplane.server.web.UnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The brain's file store: a folder tree on the brain's host that operators list and
 * download from by path, as Octopoda's brain store. The root workgroup sees the whole
 * store; any other workgroup only the folder of its own path ({@code /lab/pis} sees
 * {@code <store>/lab/pis}), so workgroups never read each other's files. Paths are read
 * relative to what the caller sees ({@code @fstore/x} is the same as {@code x}); one that
 * would leave it ({@code ..}, or a symbolic link pointing out) is refused.
 */
@Component
class BrainFileStore {

	private static final Logger logger = LoggerFactory.getLogger(BrainFileStore.class);

	private static final String ALIAS = "@fstore";

	private final Path root;

	BrainFileStore(FileProperties properties, BrainProperties brain) {
		Path configured = (properties.storeDir() != null) ? properties.storeDir() : brain.dataDir().resolve("fstore");
		this.root = configured.toAbsolutePath().normalize();
		try {
			// A fresh brain lists an empty store rather than "no such folder".
			Files.createDirectories(this.root);
		}
		catch (IOException ex) {
			logger.warn("cannot create the brain's file store {}: {}", this.root, ex.getMessage());
		}
	}

	/** The top of the store, as the root workgroup sees it. */
	Path root() {
		return this.root;
	}

	/**
	 * Lists a folder of the store as a tree.
	 * @param path the folder as given, relative to what the workgroup sees
	 * @param depth levels, 0 for every level
	 * @param workgroup the caller's workgroup
	 * @return the listing, its path relative to what the workgroup sees
	 */
	FileListing list(String path, int depth, String workgroup) {
		if (depth < 0 || depth > FileListSpec.MAX_DEPTH) {
			throw new InvalidRequestException(
					"depth must be between 0 (every level) and " + FileListSpec.MAX_DEPTH + ", not " + depth);
		}
		Path folder = resolve(path, workgroup);
		try {
			FileListing listing = FileTree.list(folder, depth);
			return new FileListing(shown(folder, workgroup), listing.entries(), listing.truncated());
		}
		catch (NoSuchFileException ex) {
			throw new NotFoundException(ErrorCode.NOT_FOUND, "no such folder in the brain's file store: " + path);
		}
		catch (NotDirectoryException ex) {
			throw new InvalidRequestException(path + " is a file, not a folder of the brain's file store");
		}
		catch (IOException ex) {
			throw new UnavailableException("cannot list the brain's file store: " + ex.getMessage());
		}
	}

	/**
	 * Finds a file or folder of the store.
	 * @param path the file or folder as given, relative to what the workgroup sees
	 * @param workgroup the caller's workgroup
	 * @return the file or folder
	 */
	Path entry(String path, String workgroup) {
		Path entry = resolve(path, workgroup);
		if (!Files.isRegularFile(entry) && !Files.isDirectory(entry)) {
			throw new NotFoundException(ErrorCode.NOT_FOUND, "no such file in the brain's file store: " + path);
		}
		return entry;
	}

	private Path resolve(String given, String workgroup) {
		if (given.indexOf('\0') >= 0) {
			throw new InvalidRequestException("path must not contain NUL");
		}
		String path = given.strip();
		if (path.equals(ALIAS) || path.startsWith(ALIAS + "/")) {
			path = path.substring(ALIAS.length());
		}
		else if (path.startsWith("@")) {
			throw new InvalidRequestException(
					"the brain's file store knows the alias " + ALIAS + " only, not " + given);
		}
		Path base = base(workgroup);
		// Leading slashes name the top of what the caller sees, not the host's root.
		Path resolved = base.resolve(path.replaceFirst("^/+", "")).normalize();
		if (!resolved.startsWith(base)) {
			throw new InvalidRequestException("path " + given + " leaves the brain's file store");
		}
		return followedWithin(resolved, base, given);
	}

	private Path base(String workgroup) {
		Path base = WorkgroupService.ROOT.equals(workgroup) ? this.root
				: this.root.resolve(workgroup.substring(1)).normalize();
		try {
			Files.createDirectories(base);
		}
		catch (IOException ex) {
			throw new UnavailableException("cannot open the brain's file store: " + ex.getMessage());
		}
		return base;
	}

	// A symbolic link inside the store must not open what lies outside it.
	private static Path followedWithin(Path resolved, Path base, String given) {
		if (!Files.exists(resolved)) {
			return resolved;
		}
		try {
			if (!resolved.toRealPath().startsWith(base.toRealPath())) {
				throw new InvalidRequestException("path " + given + " leaves the brain's file store");
			}
		}
		catch (IOException ex) {
			throw new UnavailableException("cannot read the brain's file store: " + ex.getMessage());
		}
		return resolved;
	}

	private String shown(Path folder, String workgroup) {
		String relative = base(workgroup).relativize(folder).toString();
		return ALIAS + (relative.isEmpty() ? "" : "/" + relative);
	}

}
