package io.octoplane.brain.scenario;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import io.octoplane.protocol.file.TarReader;
import io.octoplane.protocol.file.UnsafeArchiveException;
import io.octoplane.server.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;

/**
 * A scenario folder as octl uploaded it: a tar.gz in the brain's blob store. Reading it
 * indexes its regular files and keeps in memory only the two files the brain parses
 * ({@code deployment.yaml} and {@code alias.yaml}); the content of the others is streamed
 * from the archive again when an application's files are packed, so a folder of any size
 * costs the brain one buffer. The archive is read by {@link TarReader}, under the same
 * rules as a folder sent by a file command: an archive with an unsafe entry is refused
 * whole; folders and safe symbolic links are skipped.
 */
final class ScenarioFolder {

	static final String DEPLOYMENT = "deployment.yaml";

	private static final Set<String> PARSED = Set.of(DEPLOYMENT, AliasFile.FILE);

	private static final int MAX_FILES = 100_000;

	private static final long MAX_PARSED_BYTES = 1024 * 1024;

	/** Every regular file by its path relative to the folder. */
	private final Set<String> paths;

	private final Map<String, byte[]> parsed;

	private final @Nullable Path archive;

	private final @Nullable Map<String, byte[]> memory;

	private ScenarioFolder(Set<String> paths, Map<String, byte[]> parsed, @Nullable Path archive,
			@Nullable Map<String, byte[]> memory) {
		this.paths = paths;
		this.parsed = parsed;
		this.archive = archive;
		this.memory = memory;
	}

	/** A folder held in memory, for tests. */
	static ScenarioFolder of(Map<String, byte[]> files) {
		Map<String, byte[]> copy = new LinkedHashMap<>(files);
		Map<String, byte[]> parsed = new LinkedHashMap<>();
		PARSED.forEach((name) -> {
			if (copy.containsKey(name)) {
				parsed.put(name, copy.get(name));
			}
		});
		return new ScenarioFolder(new LinkedHashSet<>(copy.keySet()), parsed, null, copy);
	}

	/**
	 * Indexes an uploaded folder.
	 * @param archive its tar.gz on disk; it must stay there while the folder is used
	 * @param maxUnpacked most bytes once unpacked
	 * @return the folder
	 * @throws InvalidRequestException if it is not a readable, safe tar.gz within the
	 * limits
	 */
	static ScenarioFolder read(Path archive, long maxUnpacked) {
		Set<String> paths = new LinkedHashSet<>();
		Map<String, byte[]> parsed = new LinkedHashMap<>();
		try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
			TarReader.read(in, new TarReader.Handler() {

				private long total;

				@Override
				public void file(String path, int mode, long size, InputStream content) throws IOException {
					this.total += size;
					if (this.total > maxUnpacked || paths.size() >= MAX_FILES) {
						throw new InvalidRequestException("the scenario folder is larger than " + maxUnpacked
								+ " bytes or " + MAX_FILES + " files once unpacked (octoplane.scenario.max-unpacked)");
					}
					paths.add(path);
					if (PARSED.contains(path)) {
						if (size > MAX_PARSED_BYTES) {
							throw new InvalidRequestException(
									path + " is " + size + " bytes; at most " + MAX_PARSED_BYTES + " are read");
						}
						parsed.put(path, content.readAllBytes());
					}
				}

			});
		}
		catch (UnsafeArchiveException ex) {
			throw new InvalidRequestException("the scenario folder is refused: " + ex.getMessage());
		}
		catch (IOException ex) {
			throw new InvalidRequestException("the scenario folder is not a readable tar.gz: " + ex.getMessage());
		}
		return new ScenarioFolder(paths, parsed, archive, null);
	}

	/**
	 * The content of a file the brain parses ({@code deployment.yaml},
	 * {@code alias.yaml}).
	 * @param path its path
	 * @return its bytes, or empty if the folder has no such file
	 */
	Optional<byte[]> file(String path) {
		return Optional.ofNullable(this.parsed.get(path));
	}

	boolean has(String path) {
		return this.paths.contains(path);
	}

	/** Paths of the files under a folder ({@code ""} for all), relative to it. */
	Set<String> under(String folder) {
		String prefix = folder.isEmpty() ? "" : folder + "/";
		Set<String> found = new LinkedHashSet<>();
		this.paths.forEach((path) -> {
			if (path.startsWith(prefix)) {
				found.add(path.substring(prefix.length()));
			}
		});
		return found;
	}

	/**
	 * Streams the files under a folder to a receiver, in archive order.
	 * @param folder the folder ({@code ""} for all)
	 * @param receiver gets each file's path relative to the folder, size and content
	 * @throws IOException if the archive cannot be read or the receiver fails
	 */
	void each(String folder, FileReceiver receiver) throws IOException {
		String prefix = folder.isEmpty() ? "" : folder + "/";
		if (this.memory != null) {
			for (Map.Entry<String, byte[]> file : this.memory.entrySet()) {
				if (file.getKey().startsWith(prefix)) {
					receiver.file(file.getKey().substring(prefix.length()), file.getValue().length,
							new ByteArrayInputStream(file.getValue()));
				}
			}
			return;
		}
		try (InputStream in = new GZIPInputStream(Files.newInputStream(Objects.requireNonNull(this.archive)))) {
			TarReader.read(in, (path, mode, size, content) -> {
				if (path.startsWith(prefix)) {
					receiver.file(path.substring(prefix.length()), size, content);
				}
			});
		}
	}

	/** Receives the files of {@link #each}. */
	@FunctionalInterface
	interface FileReceiver {

		void file(String path, long size, InputStream content) throws IOException;

	}

}
