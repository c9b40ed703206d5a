package io.octoplane.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.octoplane.protocol.api.TunnelResponse;
import io.octoplane.protocol.api.TunnelStream;
import org.jspecify.annotations.Nullable;

/**
 * An open tunnel as a pair of streams. Closing {@link #output()} half-closes the tunnel
 * (the service reads end of stream) while {@link #input()} goes on; {@link #close()} ends
 * it both ways. Reading holds the WebSocket back, so a slow reader slows the service
 * instead of filling memory.
 */
public final class TunnelConnection implements AutoCloseable {

	private final TunnelResponse tunnel;

	private final WebSocket socket;

	private final Receiver receiver;

	private final InputStream input;

	private final OutputStream output;

	private final Object sending = new Object();

	private boolean outputClosed;

	TunnelConnection(TunnelResponse tunnel, WebSocket socket, Receiver receiver) {
		this.tunnel = tunnel;
		this.socket = socket;
		this.receiver = receiver;
		this.input = new Input();
		this.output = new Output();
	}

	/** What was opened: node, host and port. */
	public TunnelResponse tunnel() {
		return this.tunnel;
	}

	/**
	 * The service's bytes; end of stream once the service half-closed or the tunnel
	 * ended.
	 */
	public InputStream input() {
		return this.input;
	}

	/** Bytes to the service; closing it half-closes the tunnel. */
	public OutputStream output() {
		return this.output;
	}

	@Override
	public void close() {
		try {
			synchronized (this.sending) {
				this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
			}
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			this.socket.abort();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.socket.abort();
		}
		this.receiver.queue.offer(Piece.END);
	}

	/**
	 * Breaks the tunnel off without a clean close: the service sees an error, not the end
	 * of a whole stream. For when the local side failed mid-way.
	 */
	public void abort() {
		this.socket.abort();
		this.receiver.queue.offer(new Piece(null, "the tunnel was aborted"));
	}

	private void send(CompletableFuture<WebSocket> sent) throws IOException {
		try {
			sent.get();
		}
		catch (ExecutionException ex) {
			throw new IOException("the tunnel to " + this.tunnel.node() + " broke: " + ex.getCause().getMessage(),
					ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while sending into the tunnel");
		}
	}

	private final class Output extends OutputStream {

		@Override
		public void write(int value) throws IOException {
			write(new byte[] { (byte) value }, 0, 1);
		}

		@Override
		public void write(byte[] buffer, int offset, int length) throws IOException {
			synchronized (TunnelConnection.this.sending) {
				if (TunnelConnection.this.outputClosed) {
					throw new IOException("the tunnel's output is closed");
				}
				for (int from = offset; from < offset + length; from += TunnelStream.MAX_MESSAGE_BYTES) {
					int size = Math.min(TunnelStream.MAX_MESSAGE_BYTES, offset + length - from);
					// Copied: the WebSocket may still read the buffer after this returns
					// in other implementations; here the wait makes it safe, the copy
					// makes it obvious.
					ByteBuffer piece = ByteBuffer.wrap(Arrays.copyOfRange(buffer, from, from + size));
					send(TunnelConnection.this.socket.sendBinary(piece, true));
				}
			}
		}

		@Override
		public void close() throws IOException {
			synchronized (TunnelConnection.this.sending) {
				if (TunnelConnection.this.outputClosed) {
					return;
				}
				TunnelConnection.this.outputClosed = true;
				if (!TunnelConnection.this.socket.isOutputClosed()) {
					send(TunnelConnection.this.socket.sendText(TunnelStream.EOF, true));
				}
			}
		}

	}

	private final class Input extends InputStream {

		private @Nullable Piece current;

		private int position;

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (length == 0) {
				return 0;
			}
			Piece piece = this.current;
			if (piece == null || (piece.data != null && this.position == piece.data.length)) {
				piece = next();
				this.current = piece;
				this.position = 0;
			}
			if (piece.failure != null) {
				throw new IOException(piece.failure);
			}
			if (piece.data == null) {
				return -1;
			}
			int count = Math.min(length, piece.data.length - this.position);
			System.arraycopy(piece.data, this.position, buffer, offset, count);
			this.position += count;
			return count;
		}

		private Piece next() throws IOException {
			try {
				Piece piece = TunnelConnection.this.receiver.queue.take();
				if (piece.data != null) {
					// Only now ask for more: this is the back-pressure.
					TunnelConnection.this.socket.request(1);
				}
				else {
					// End markers stay for every later read.
					TunnelConnection.this.receiver.queue.offer(piece);
				}
				return piece;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException("interrupted while reading from the tunnel");
			}
		}

	}

	/**
	 * A received piece: bytes, or the end of input (a clean end, or a failure with its
	 * reason).
	 */
	record Piece(byte @Nullable [] data, @Nullable String failure) {

		static final Piece END = new Piece(null, null);

	}

	/** Turns WebSocket events into pieces for {@link Input}. */
	static final class Receiver implements WebSocket.Listener {

		static final int WINDOW = 16;

		final BlockingQueue<Piece> queue = new LinkedBlockingQueue<>();

		@Override
		public void onOpen(WebSocket webSocket) {
			// A window of messages in flight keeps the link busy while the reader works;
			// each message taken asks for one more, so at most this many wait in memory.
			webSocket.request(WINDOW);
		}

		@Override
		public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			this.queue.offer(new Piece(bytes, null));
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			if (TunnelStream.EOF.contentEquals(data)) {
				this.queue.offer(Piece.END);
			}
			else {
				this.queue.offer(new Piece(null, "the brain sent an unknown message: " + data));
			}
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.queue.offer((statusCode == WebSocket.NORMAL_CLOSURE) ? Piece.END
					: new Piece(null, "the tunnel closed: " + (reason.isEmpty() ? "code " + statusCode : reason)));
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.queue.offer(new Piece(null, "the tunnel failed: " + error.getMessage()));
		}

	}

}
