package io.octoplane.octl.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import io.octoplane.client.TunnelConnection;

/**
 * Copies bytes between local streams (a socket, or stdin and stdout) and a tunnel, both
 * ways at once, passing each direction's end on as a half-close and a failure as a broken
 * tunnel. It returns when both directions ended.
 */
public final class StreamSplice {

	private static final int BUFFER = 32 * 1024;

	private StreamSplice() {
	}

	/**
	 * Runs the splice.
	 * @param localIn bytes to send into the tunnel
	 * @param localOut where the tunnel's bytes go
	 * @param endLocalOutput called once the tunnel's input ended, to half-close the local
	 * side
	 * @param tunnel the tunnel
	 * @throws IOException if the tunnel broke (the reason is the brain's or the node's)
	 */
	public static void run(InputStream localIn, OutputStream localOut, Runnable endLocalOutput, TunnelConnection tunnel)
			throws IOException {
		Thread upstream = Thread.ofVirtual().name("octl-tunnel-up").start(() -> {
			try {
				copy(localIn, tunnel.output());
			}
			catch (IOException ex) {
				// The local side broke (or the tunnel did): the service must not take the
				// cut upload for a whole one.
				tunnel.abort();
				return;
			}
			try {
				tunnel.output().close();
			}
			catch (IOException ex) {
				// The tunnel broke; the other direction reports it.
			}
		});
		try {
			copy(tunnel.input(), localOut);
			endLocalOutput.run();
			// The service is done sending, but may still be reading: the tunnel lasts
			// until the local side is done too, as a TCP connection would.
			upstream.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			upstream.interrupt();
		}
	}

	private static void copy(InputStream in, OutputStream out) throws IOException {
		byte[] buffer = new byte[BUFFER];
		int read;
		while ((read = in.read(buffer)) >= 0) {
			out.write(buffer, 0, read);
			out.flush();
		}
	}

}
