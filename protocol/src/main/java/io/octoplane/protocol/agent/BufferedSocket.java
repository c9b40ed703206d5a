package io.octoplane.protocol.agent;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketImpl;

import org.jspecify.annotations.Nullable;

/**
 * A TCP socket whose input is read through a small buffer, for TLS layered over it with
 * {@code SSLSocketFactory.createSocket(Socket, ...)}: the JDK's TLS socket reads each
 * record as a 5-byte header and then a body, one system call each; through the buffer one
 * call usually brings the whole record, often several: one read a record instead of two.
 * Reads larger than the buffer go straight through, and the buffer is allocated at the
 * first read only, so an idle connection costs {@value #BUFFER_BYTES} bytes at most.
 *
 * <p>
 * Everything else is the plain socket's: the read timeout, options and closing.
 */
public final class BufferedSocket extends Socket {

	/**
	 * Fits a heartbeat (some 350 bytes as a TLS record) twice over; ten thousand
	 * connections hold 10 MiB of these.
	 */
	static final int BUFFER_BYTES = 1024;

	private final Object lock = new Object();

	private @Nullable InputStream buffered;

	/** An unconnected socket, to dial with {@link #connect}. */
	public BufferedSocket() {
	}

	private BufferedSocket(@Nullable SocketImpl accepted) throws IOException {
		// No implementation of its own: the server socket's accept gives it one.
		super(accepted);
	}

	/**
	 * An unbound server socket whose {@code accept} returns buffered sockets.
	 * @return the server socket
	 * @throws IOException if the socket cannot be created
	 */
	public static ServerSocket serverSocket() throws IOException {
		return new Acceptor();
	}

	@Override
	public InputStream getInputStream() throws IOException {
		// Asked first, so a closed or unconnected socket fails as a plain one does.
		InputStream raw = super.getInputStream();
		synchronized (this.lock) {
			InputStream in = this.buffered;
			if (in == null) {
				in = new BufferedInputStream(raw, BUFFER_BYTES);
				this.buffered = in;
			}
			return in;
		}
	}

	private static final class Acceptor extends ServerSocket {

		Acceptor() throws IOException {
		}

		@Override
		public Socket accept() throws IOException {
			if (isClosed()) {
				throw new SocketException("Socket is closed");
			}
			BufferedSocket socket = new BufferedSocket(null);
			implAccept(socket);
			return socket;
		}

	}

}
