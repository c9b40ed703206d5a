package io.octoplane.tentacle.connection;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import io.octoplane.protocol.agent.BrainMessage;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.Goodbye;
import io.octoplane.protocol.agent.LinkSockets;
import io.octoplane.protocol.agent.ProtocolException;

/**
 * A data connection to the brain, opened by {@link BrainDialer#openData}: after the
 * opening frame it carries one transfer's or one tunnel's raw bytes, then closes.
 */
public final class DataChannel implements Closeable {

	private final TlsLink link;

	private final FrameCodec codec;

	DataChannel(TlsLink link, FrameCodec codec) {
		this.link = link;
		this.codec = codec;
	}

	/**
	 * Reads the brain's next frame.
	 * @param <T> the expected frame type
	 * @param type the expected frame type
	 * @return the frame
	 * @throws TransferRefusedException if the brain refused the transfer
	 * @throws IOException if the connection fails or another frame came
	 */
	public <T extends BrainMessage> T reply(Class<T> type) throws IOException {
		BrainMessage message = this.codec.read(in(), BrainMessage.class);
		if (message instanceof Goodbye goodbye) {
			throw new TransferRefusedException(goodbye.reason());
		}
		if (!type.isInstance(message)) {
			throw new ProtocolException(
					"expected " + type.getSimpleName() + ", got " + message.getClass().getSimpleName());
		}
		return type.cast(message);
	}

	/** The raw input after the reply. */
	public InputStream in() throws IOException {
		return this.link.tls().getInputStream();
	}

	/** The raw output after the opening frame. */
	public OutputStream out() throws IOException {
		return this.link.tls().getOutputStream();
	}

	/**
	 * Ends the output direction with a TLS close_notify while input keeps flowing (TLS
	 * 1.3 half-close), so the brain sees end of stream and can pass it on.
	 * @throws IOException if the connection is broken
	 */
	public void shutdownOutput() throws IOException {
		this.link.tls().shutdownOutput();
	}

	/**
	 * Resets the connection instead of closing it: the brain reads an error, not a clean
	 * end, so a broken tunnel is not mistaken for a finished one.
	 */
	public void abort() {
		LinkSockets.reset(this.link.tcp());
	}

	/**
	 * Keeps probing a silent connection (TCP keepalive, first probe after a minute where
	 * the platform allows it), for tunnels that have no read timeout.
	 */
	public void keepAlive() {
		LinkSockets.keepAlive(this.link.tcp());
	}

	/** Whether {@link #close()} was called or the connection is otherwise closed. */
	public boolean isClosed() {
		return this.link.tcp().isClosed();
	}

	@Override
	public void close() throws IOException {
		// The TCP socket: closing TLS could hang on a peer that stopped reading.
		this.link.tcp().close();
	}

	/**
	 * The brain refused a transfer (unknown or used token, missing blob, too large);
	 * trying again would not help.
	 */
	public static final class TransferRefusedException extends IOException {

		public TransferRefusedException(String reason) {
			super(reason);
		}

	}

}
