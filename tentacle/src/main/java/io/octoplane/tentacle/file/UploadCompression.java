package io.octoplane.tentacle.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;

import io.octoplane.tentacle.config.EdgeSettings;

/**
 * Decides whether a file goes to the brain deflated. {@code on} always deflates;
 * {@code auto} deflates when it pays: when the file's first 64 KiB shrink by at least a
 * tenth at deflate's fastest level, as text, logs and tar archives of them do, and
 * already compressed files (archives, images, packages) do not. Deflating costs the node
 * CPU and a deflate stream; the brain only inflates.
 */
final class UploadCompression {

	static final int SAMPLE_BYTES = 64 * 1024;

	private UploadCompression() {
	}

	/**
	 * Whether to deflate a file on its way to the brain.
	 * @param setting how uploads may be compressed
	 * @param file the bytes to send
	 * @return whether to deflate them
	 * @throws IOException if the file cannot be read
	 */
	static boolean deflate(EdgeSettings.Compression setting, Path file) throws IOException {
		return switch (setting) {
			case OFF -> false;
			case ON -> true;
			case AUTO -> pays(file);
		};
	}

	private static boolean pays(Path file) throws IOException {
		byte[] sample;
		try (InputStream in = Files.newInputStream(file)) {
			sample = in.readNBytes(SAMPLE_BYTES);
		}
		if (sample.length == 0) {
			return false;
		}
		Deflater deflater = new Deflater(Deflater.BEST_SPEED);
		try {
			deflater.setInput(sample);
			deflater.finish();
			byte[] out = new byte[sample.length];
			long written = 0;
			while (!deflater.finished() && written < sample.length) {
				written += deflater.deflate(out);
			}
			return written * 10 <= sample.length * 9L;
		}
		finally {
			deflater.end();
		}
	}

}
