package io.octoplane.protocol.agent;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Which directions of a control connection run through one deflate stream from the byte
 * after {@link Welcome} on. One stream per direction, flushed at every frame
 * ({@link Deflater#SYNC_FLUSH}), rather than each frame compressed alone: a heartbeat
 * repeats the previous one's keys and most of its values, so the shared 32 KiB window
 * shrinks it to a few dozen bytes, which a frame compressed on its own cannot.
 *
 * <p>
 * The JDK's zlib is used rather than zstd: it needs no native library of its own on a
 * Raspberry Pi or a musl system, and on JSON frames the measured difference in size is
 * small (docs/benchmarks.md). Its cost is memory: a deflate stream holds about 256 KiB of
 * native state, an inflate stream about 40 KiB. That is why {@link #UP} exists: the brain
 * then only inflates, so ten thousand compressed nodes cost it 400 MiB rather than 3 GiB.
 */
public enum LinkCompression {

	/**
	 * Tentacle to brain only: command output and results, heartbeats. The default of a
	 * tentacle set to {@code auto}.
	 */
	@JsonProperty("deflate-up")
	UP,

	/** Both directions; a tentacle set to {@code on} asks for it. */
	@JsonProperty("deflate")
	BOTH;

	private static final int BUFFER_BYTES = 8192;

	/**
	 * What the brain agrees to for a tentacle's announced capabilities.
	 * @param announced the tentacle's capabilities
	 * @param downAllowed whether the brain spends a deflate stream on this node's
	 * downlink
	 * @return the compression, or {@code null} for none
	 */
	public static @Nullable LinkCompression agreed(Set<String> announced, boolean downAllowed) {
		if (!announced.contains(Capabilities.COMPRESS_DEFLATE)) {
			return null;
		}
		return (downAllowed && announced.contains(Capabilities.COMPRESS_DOWN)) ? BOTH : UP;
	}

	/** Whether frames from the brain to the tentacle are compressed. */
	public boolean down() {
		return this == BOTH;
	}

	/**
	 * Wraps a stream so every flush ends a deflate block the reader can decode at once.
	 * @param out the raw stream
	 * @return the compressing stream; the caller flushes after each frame
	 */
	public static OutputStream deflating(OutputStream out) {
		// Level 6: on a thin link the bytes cost more than the CPU; a MiB of text
		// output shrinks to 23% rather than level 1's 31% (docs/benchmarks.md).
		return new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION), BUFFER_BYTES, true);
	}

	/**
	 * Wraps a stream written by {@link #deflating}.
	 * @param in the raw stream
	 * @return the decompressing stream
	 */
	public static InputStream inflating(InputStream in) {
		return new InflaterInputStream(in, new Inflater(), BUFFER_BYTES);
	}

}
