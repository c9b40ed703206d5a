package io.octoplane.protocol.agent;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import io.octoplane.protocol.ProtocolVersion;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes agent frames: a 4-byte big-endian length, one byte of protocol
 * version, then a JSON object. The codec lives in the protocol module (not in each side)
 * so brain and tentacle cannot disagree on framing, size limits or how unknown fields are
 * treated.
 *
 * <p>
 * The frames a connected node exchanges every heartbeat, and those of a command's round
 * trip, go through {@link HotFrames} without Jackson when they are in the plain form
 * Jackson itself writes; anything else is Jackson's, so both paths read and write the
 * same JSON.
 *
 * <p>
 * Instances are immutable and thread-safe; the streams passed in are not, so callers
 * serialise writes to one stream themselves.
 */
public final class FrameCodec {

	/**
	 * Default largest frame accepted: commands and results with capped output fit easily.
	 */
	public static final int DEFAULT_MAX_FRAME_BYTES = 4 * 1024 * 1024;

	private final int maxFrameBytes;

	/**
	 * Creates a codec.
	 * @param maxFrameBytes the largest frame, in bytes, that is read or written; positive
	 */
	public FrameCodec(int maxFrameBytes) {
		if (maxFrameBytes <= 0) {
			throw new IllegalArgumentException("maxFrameBytes must be positive");
		}
		this.maxFrameBytes = maxFrameBytes;
	}

	/** The largest frame this codec reads or writes, in bytes. */
	public int maxFrameBytes() {
		return this.maxFrameBytes;
	}

	/**
	 * Writes one frame and flushes.
	 * @param out the stream to write to
	 * @param message the message
	 * @throws FrameTooLargeException if the encoded message exceeds the limit
	 * @throws IOException if the stream fails
	 */
	public void write(OutputStream out, Object message) throws IOException {
		writeEncoded(out, encode(message));
	}

	/**
	 * Encodes a message as a whole frame, so that a message sent to many peers is
	 * serialised once.
	 * @param message the message
	 * @return the frame, ready for {@link #writeEncoded}
	 * @throws FrameTooLargeException if the encoded message exceeds the limit
	 * @throws ProtocolException if the message cannot be encoded
	 */
	public byte[] encode(Object message) throws ProtocolException {
		byte[] hot = HotFrames.frame(message, ProtocolVersion.CURRENT);
		if (hot != null) {
			if (hot.length - 4 > this.maxFrameBytes) {
				throw new FrameTooLargeException(hot.length - 4, this.maxFrameBytes);
			}
			return hot;
		}
		return encodeWithJackson(message);
	}

	/** {@link #encode} without the fast path: the reference it is tested against. */
	byte[] encodeWithJackson(Object message) throws ProtocolException {
		byte[] json = Jackson.write(message);
		int length = json.length + 1;
		if (length > this.maxFrameBytes) {
			throw new FrameTooLargeException(length, this.maxFrameBytes);
		}
		byte[] frame = new byte[4 + length];
		frame[0] = (byte) (length >>> 24);
		frame[1] = (byte) (length >>> 16);
		frame[2] = (byte) (length >>> 8);
		frame[3] = (byte) length;
		frame[4] = (byte) ProtocolVersion.CURRENT;
		System.arraycopy(json, 0, frame, 5, json.length);
		return frame;
	}

	/**
	 * Writes a frame made by {@link #encode} and flushes.
	 * @param out the stream to write to
	 * @param frame the frame
	 * @throws IOException if the stream fails
	 */
	public void writeEncoded(OutputStream out, byte[] frame) throws IOException {
		// One write call per frame so a TLS record is not split into tiny pieces.
		out.write(frame);
		out.flush();
	}

	/**
	 * Reads one frame.
	 * @param <T> the message family
	 * @param in the stream to read from
	 * @param family {@link AgentMessage} or {@link BrainMessage}
	 * @return the message
	 * @throws EOFException if the stream ended cleanly before a frame started
	 * @throws FrameTooLargeException if the announced length exceeds the limit
	 * @throws UnsupportedProtocolVersionException if the frame's version is not spoken
	 * here
	 * @throws UnknownMessageException if the frame is a message type of a newer peer; it
	 * was read whole and may be skipped
	 * @throws ProtocolException if the payload is not a valid message of that family
	 * @throws IOException if the stream fails
	 */
	public <T> T read(InputStream in, Class<T> family) throws IOException {
		// Two reads a frame, the header and the rest: each read of the
		// connection's stream passes the TLS record lock and the byte count.
		byte[] header = new byte[4];
		readFully(in, header, true);
		int length = ((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8)
				| (header[3] & 0xff);
		if (length <= 0) {
			throw new ProtocolException("frame length " + length + " is not positive");
		}
		if (length > this.maxFrameBytes) {
			throw new FrameTooLargeException(length, this.maxFrameBytes);
		}
		byte[] frame = new byte[length];
		readFully(in, frame, false);
		int version = frame[0] & 0xff;
		if (version != ProtocolVersion.CURRENT) {
			throw new UnsupportedProtocolVersionException(version);
		}
		return decode(frame, family);
	}

	/**
	 * Decodes a frame's payload, past its version byte.
	 * @param frame the frame without its length
	 * @param family the message family
	 */
	<T> T decode(byte[] frame, Class<T> family) throws ProtocolException {
		Object hot = null;
		if (family == AgentMessage.class) {
			hot = HotFrames.readAgentMessage(frame, 1, frame.length);
		}
		else if (family == BrainMessage.class) {
			hot = HotTentacleFrames.readBrainMessage(frame, 1, frame.length);
		}
		if (hot != null) {
			return family.cast(hot);
		}
		return decodeWithJackson(frame, family);
	}

	/** {@link #decode} without the fast path: the reference it is tested against. */
	<T> T decodeWithJackson(byte[] frame, Class<T> family) throws ProtocolException {
		return Jackson.read(frame, family);
	}

	/**
	 * The mapper, made on first use: a tentacle whose frames all take the hand-written
	 * paths never loads Jackson's classes, some 8 MiB of class metadata. The holder idiom
	 * makes it once and safely for every thread; the calls and the exceptions they catch
	 * live here too, since the verifier loads the classes a method catches.
	 */
	private static final class Jackson {

		// Newer peers may add fields; older readers must skip them rather than fail. A
		// field an older peer does not send takes its zero value, so new boolean and
		// number fields are chosen such that zero means "as before".
		static final JsonMapper MAPPER = JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
			.build();

		private Jackson() {
		}

		static byte[] write(Object message) throws ProtocolException {
			try {
				return MAPPER.writeValueAsBytes(message);
			}
			catch (JacksonException ex) {
				throw new ProtocolException("cannot encode " + message.getClass().getSimpleName(), ex);
			}
		}

		static <T> T read(byte[] frame, Class<T> family) throws ProtocolException {
			try {
				return MAPPER.readValue(frame, 1, frame.length - 1, family);
			}
			catch (InvalidTypeIdException ex) {
				if (ex.getTypeId() == null || ex.getTypeId().isBlank()) {
					throw new ProtocolException("malformed " + family.getSimpleName() + " frame: no type", ex);
				}
				throw new UnknownMessageException("unknown " + family.getSimpleName() + " type '" + ex.getTypeId()
						+ "' (a newer peer's); skipped", ex);
			}
			catch (InvalidFormatException ex) {
				if (ex.getTargetType() != null && ex.getTargetType().isEnum()) {
					// A known message with a value added later, such as a new command
					// mode.
					throw new UnknownMessageException("unknown " + ex.getTargetType().getSimpleName() + " '"
							+ ex.getValue() + "' in a " + family.getSimpleName() + " (a newer peer's); skipped", ex);
				}
				throw new ProtocolException("malformed " + family.getSimpleName() + " frame: " + ex.getMessage(), ex);
			}
			catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
				// Record constructors reject invalid values with IAE/NPE;
				// to the reader that is a malformed frame like any other.
				throw new ProtocolException("malformed " + family.getSimpleName() + " frame: " + ex.getMessage(), ex);
			}
		}

	}

	/**
	 * Fills a buffer.
	 * @param atStart whether no byte of the frame was read yet; an end there is clean
	 */
	private static void readFully(InputStream in, byte[] buffer, boolean atStart) throws IOException {
		int filled = 0;
		while (filled < buffer.length) {
			int count = in.read(buffer, filled, buffer.length - filled);
			if (count < 0) {
				throw new EOFException(
						(atStart && filled == 0) ? "stream ended between frames" : "stream ended inside a frame");
			}
			filled += count;
		}
	}

}