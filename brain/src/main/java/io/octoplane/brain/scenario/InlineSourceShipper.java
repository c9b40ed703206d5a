package io.octoplane.brain.scenario;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import org.springframework.stereotype.Component;

/**
 * Ships an application's files inline: a tar.gz, base64, inside the nodeapp task itself,
 * so it travels the durable command path in one agent frame. That is why it is capped
 * ({@code octoplane.scenario.max-archive}); larger applications are refused with the
 * limit named.
 */
@Component
class InlineSourceShipper implements NodeappSourceShipper {

	private final long maxArchive;

	InlineSourceShipper(ScenarioProperties properties) {
		this.maxArchive = properties.maxArchive().toBytes();
	}

	@Override
	public String ship(ScenarioFolder folder, Deployment.App app, boolean withSources) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
			tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
			add(tar, "scripts/", folder.under(app.scriptPath()), 0100755);
			if (withSources) {
				// The folder entry tells the node that sources were shipped, even none.
				tar.putArchiveEntry(new TarArchiveEntry("src/"));
				tar.closeArchiveEntry();
				if (app.sourcePath() != null) {
					add(tar, "src/", folder.under(app.sourcePath()), 0100644);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (bytes.size() > this.maxArchive) {
			throw new InvalidDeploymentException(ScenarioFolder.DEPLOYMENT, "applications." + app.name(),
					"its scripts and sources are " + bytes.size() + " bytes compressed; the limit for shipping them "
							+ "inline is " + this.maxArchive + " (octoplane.scenario.max-archive)");
		}
		return Base64.getEncoder().encodeToString(bytes.toByteArray());
	}

	private static void add(TarArchiveOutputStream tar, String prefix, Map<String, byte[]> files, int mode)
			throws IOException {
		for (Map.Entry<String, byte[]> file : files.entrySet()) {
			TarArchiveEntry entry = new TarArchiveEntry(prefix + file.getKey());
			entry.setSize(file.getValue().length);
			entry.setMode(mode);
			tar.putArchiveEntry(entry);
			tar.write(file.getValue());
			tar.closeArchiveEntry();
		}
	}

}
