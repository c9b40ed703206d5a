package io.octoplane.brain.peer;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLSocket;

import io.octoplane.protocol.agent.LinkSockets;

/**
 * One connection between two brains on the peer port, from either end. A call is a verb
 * with a few text arguments; the answer is a status ({@code ok} or a reason for refusing)
 * with a detail; after an {@code ok} the connection carries whatever the verb defines (a
 * blob, or a tunnel's raw bytes both ways). Each direction ends on its own (TLS 1.3
 * close_notify) and a broken stream is reset, so a cut is never read as a clean end.
 */
public final class PeerConnection implements AutoCloseable {

	/** The answer that accepts a call. */
	public static final String OK = "ok";

	/** The answer of a brain that has nothing under the name asked for. */
	public static final String MISSING = "missing";

	/** The answer to a caller that is not a brain, or to a verb nobody serves. */
	public static final String REFUSED = "refused";

	private static final int MAX_ARGUMENTS = 16;

	private final SSLSocket socket;

	private final DataInputStream in;

	private final DataOutputStream out;

	private String detail = "";

	PeerConnection(SSLSocket socket) throws IOException {
		this.socket = socket;
		// Unbuffered on purpose: the bytes after the call belong to the verb.
		this.in = new DataInputStream(socket.getInputStream());
		this.out = new DataOutputStream(socket.getOutputStream());
	}

	void writeCall(String verb, List<String> arguments) throws IOException {
		// One write, so the call travels in one TLS record.
		ByteArrayOutputStream call = new ByteArrayOutputStream();
		DataOutputStream data = new DataOutputStream(call);
		data.writeUTF(verb);
		data.writeByte(arguments.size());
		for (String argument : arguments) {
			data.writeUTF(argument);
		}
		call.writeTo(this.out);
		this.out.flush();
	}

	List<String> readCall() throws IOException {
		List<String> call = new ArrayList<>();
		call.add(this.in.readUTF());
		int count = this.in.readUnsignedByte();
		if (count > MAX_ARGUMENTS) {
			throw new IOException("a peer call with " + count + " arguments");
		}
		for (int i = 0; i < count; i++) {
			call.add(this.in.readUTF());
		}
		return call;
	}

	/**
	 * Answers the call; once, before anything else is written.
	 * @param status {@link #OK} or a reason
	 * @param detail what the caller shows
	 * @throws IOException if the connection broke
	 */
	public void answer(String status, String detail) throws IOException {
		this.out.writeUTF(status);
		this.out.writeUTF(detail);
		this.out.flush();
	}

	String[] readAnswer() throws IOException {
		String status = this.in.readUTF();
		this.detail = this.in.readUTF();
		return new String[] { status, this.detail };
	}

	/** The detail of the answer that accepted this call. */
	public String detail() {
		return this.detail;
	}

	/**
	 * Stops bounding reads: a tunnel may be silent for as long as its session lasts; TCP
	 * keepalive notices a peer that vanished.
	 */
	public void streaming() {
		try {
			this.socket.setSoTimeout(0);
			LinkSockets.keepAlive(this.socket);
		}
		catch (SocketException ex) {
			// Broken already; the next read says so.
		}
	}

	/** The bytes from the other brain. */
	public DataInputStream in() {
		return this.in;
	}

	/** The bytes to the other brain. */
	public DataOutputStream out() {
		return this.out;
	}

	/**
	 * Ends the direction to the other brain while reading goes on.
	 * @throws IOException if the connection is broken
	 */
	public void shutdownOutput() throws IOException {
		this.socket.shutdownOutput();
	}

	/** Resets the connection: the other brain reads an error, not an end. */
	public void abort() {
		LinkSockets.reset(this.socket);
	}

	/** Closes the connection, both ways. */
	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// Broken already: as good as closed.
		}
	}

	boolean isClosed() {
		return this.socket.isClosed();
	}

}
