package io.octoplane.octl.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The daemon's answer to a call is a sequence of frames, each a type byte, a length and
 * that many bytes: output for the caller's stdout and stderr as the command writes it,
 * then one closing frame (the exit status, or a request to run the call in the caller's
 * own process). The only frame a front end sends after its request is {@link #INTERRUPT},
 * while the daemon said the command handles Ctrl-C.
 */
final class DaemonFrames {

	/** Bytes for the caller's standard output. */
	static final byte STDOUT = 1;

	/** Bytes for the caller's standard error. */
	static final byte STDERR = 2;

	/** The command finished; four bytes of exit status follow. */
	static final byte EXIT = 3;

	/**
	 * The command needs the caller's terminal, standard input or process (ssh, tunnels,
	 * prompts): run it there.
	 */
	static final byte RUN_LOCALLY = 4;

	/** The daemon runs another octl build and is stopping: run it locally. */
	static final byte STALE = 5;

	/**
	 * The daemon has begun running the command: from here on, a lost connection must not
	 * make the caller run it again.
	 */
	static final byte STARTED = 6;

	/**
	 * The command handles Ctrl-C from now on: the front end relays it as
	 * {@link #INTERRUPT} instead of ending itself.
	 */
	static final byte CTRL_C_HANDLED = 7;

	/** The command no longer handles Ctrl-C: it ends the front end again. */
	static final byte CTRL_C_DEFAULT = 8;

	/** From the front end: the caller pressed Ctrl-C. */
	static final byte INTERRUPT = 9;

	/** Largest payload of one output frame; longer writes are split. */
	static final int MAX_PAYLOAD = 64 * 1024;

	private DaemonFrames() {
	}

	/**
	 * One frame as read.
	 *
	 * @param type the frame type
	 * @param payload its bytes
	 */
	record Frame(byte type, byte[] payload) {

		int status() {
			return ((this.payload[0] & 0xff) << 24) | ((this.payload[1] & 0xff) << 16) | ((this.payload[2] & 0xff) << 8)
					| (this.payload[3] & 0xff);
		}

	}

	static Frame read(DataInputStream in) throws IOException {
		byte type = in.readByte();
		int length = in.readInt();
		if (length < 0 || length > MAX_PAYLOAD) {
			throw new IOException("octl daemon frame of " + length + " bytes");
		}
		byte[] payload = in.readNBytes(length);
		if (payload.length != length || (type == EXIT && length != 4)) {
			throw new IOException("truncated octl daemon frame");
		}
		return new Frame(type, payload);
	}

	static void write(DataOutputStream out, byte type, byte[] bytes, int offset, int length) throws IOException {
		synchronized (out) {
			out.writeByte(type);
			out.writeInt(length);
			out.write(bytes, offset, length);
			out.flush();
		}
	}

	static void exit(DataOutputStream out, int status) throws IOException {
		synchronized (out) {
			out.writeByte(EXIT);
			out.writeInt(4);
			out.writeInt(status);
			out.flush();
		}
	}

	static void signal(DataOutputStream out, byte type) throws IOException {
		write(out, type, new byte[0], 0, 0);
	}

	/**
	 * A stream whose writes travel as frames of one type.
	 * @param out the connection
	 * @param type {@link #STDOUT} or {@link #STDERR}
	 * @return the stream
	 */
	static OutputStream stream(DataOutputStream out, byte type) {
		return stream((frameType, bytes, offset, length) -> write(out, frameType, bytes, offset, length), type);
	}

	/**
	 * A stream whose writes are cut into frames of one type, each at most
	 * {@link #MAX_PAYLOAD} bytes, and handed to a sink.
	 * @param sink where each frame goes
	 * @param type {@link #STDOUT} or {@link #STDERR}
	 * @return the stream
	 */
	static OutputStream stream(Sink sink, byte type) {
		return new OutputStream() {

			@Override
			public void write(int b) throws IOException {
				write(new byte[] { (byte) b }, 0, 1);
			}

			@Override
			public void write(byte[] bytes, int offset, int length) throws IOException {
				for (int done = 0; done < length; done += MAX_PAYLOAD) {
					sink.write(type, bytes, offset + done, Math.min(MAX_PAYLOAD, length - done));
				}
			}

		};
	}

	/** Takes one frame: its type and payload. */
	@FunctionalInterface
	interface Sink {

		void write(byte type, byte[] bytes, int offset, int length) throws IOException;

	}

}
