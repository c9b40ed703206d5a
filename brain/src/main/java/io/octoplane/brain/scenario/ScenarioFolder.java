package io.octoplane.brain.scenario;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import io.octoplane.protocol.file.TarReader;
import io.octoplane.protocol.file.UnsafeArchiveException;
import io.octoplane.server.web.InvalidRequestException;

/**
 * A scenario folder as octl uploaded it (a tar.gz), held in memory: regular files by
 * their path relative to the folder. The archive is read by {@link TarReader}, under the
 * same rules as a folder sent by a file command: an archive with an unsafe entry is
 * refused whole; folders and safe symbolic links are skipped.
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
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(archive))) {
			TarReader.read(in, new TarReader.Handler() {

				private long total;

				@Override
				public void file(String path, int mode, long size, InputStream content) throws IOException {
					this.total += size;
					if (this.total > maxUnpacked || files.size() >= MAX_FILES) {
						throw new InvalidRequestException("the scenario folder is larger than " + maxUnpacked
								+ " bytes or " + MAX_FILES + " files once unpacked");
					}
					files.put(path, content.readAllBytes());
				}

			});
		}
		catch (UnsafeArchiveException ex) {
			throw new InvalidRequestException("the scenario folder is refused: " + ex.getMessage());
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
