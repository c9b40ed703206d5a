package io.octoplane.brain.scenario;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import io.octoplane.server.web.InvalidRequestException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A scenario folder as octl uploaded it (a tar.gz), held in memory: regular files by
 * their path relative to the folder. Paths that leave the folder are refused.
 */
final class ScenarioFolder {

	static final String DEPLOYMENT = "deployment.yaml";

	private static final int MAX_FILES = 10_000;

	private final Map<String, byte[]> files;

	private ScenarioFolder(Map<String, byte[]> files) {
		this.files = files;
	}

	static ScenarioFolder of(Map<String, byte[]> files) {
		return new ScenarioFolder(new LinkedHashMap<>(files));
	}

	/**
	 * Reads an uploaded folder.
	 * @param base64 base64 of its tar.gz
	 * @param maxArchive most compressed bytes
	 * @param maxUnpacked most bytes once unpacked
	 * @return the folder
	 */
	static ScenarioFolder read(String base64, long maxArchive, long maxUnpacked) {
		byte[] archive;
		try {
			archive = Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("archive is not base64: " + ex.getMessage());
		}
		if (archive.length > maxArchive) {
			throw new InvalidRequestException("the scenario folder is " + archive.length
					+ " bytes compressed; the limit is " + maxArchive + " (octoplane.scenario.max-archive)");
		}
		Map<String, byte[]> files = new LinkedHashMap<>();
		long total = 0;
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new GZIPInputStream(new ByteArrayInputStream(archive)))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				if (!entry.isFile()) {
					continue;
				}
				String path = ScenarioPaths.normalize(entry.getName())
					.orElseThrow(() -> new InvalidRequestException("archive entry leaves the scenario folder"));
				total += entry.getSize();
				if (total > maxUnpacked || files.size() >= MAX_FILES) {
					throw new InvalidRequestException("the scenario folder is larger than " + maxUnpacked + " bytes or "
							+ MAX_FILES + " files once unpacked");
				}
				files.put(path, tar.readAllBytes());
			}
		}
		catch (IOException ex) {
			throw new InvalidRequestException("archive is not a readable tar.gz: " + ex.getMessage());
		}
		return new ScenarioFolder(files);
	}

	Optional<byte[]> file(String path) {
		return Optional.ofNullable(this.files.get(path));
	}

	/** Files under a folder ({@code ""} for all), by their path relative to it. */
	Map<String, byte[]> under(String folder) {
		String prefix = folder.isEmpty() ? "" : folder + "/";
		Map<String, byte[]> found = new LinkedHashMap<>();
		this.files.forEach((path, content) -> {
			if (path.startsWith(prefix)) {
				found.put(path.substring(prefix.length()), content);
			}
		});
		return found;
	}

}
