package io.octoplane.octl.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import io.octoplane.octl.sdk.TunnelConnection;

/**
 * Copies bytes between local streams (a socket, or stdin and stdout) and a tunnel, both
 * ways at once, passing each direction's end on as a half-close. It returns when the
 * tunnel's input ended and the local input ended or failed.
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
			try (OutputStream out = tunnel.output()) {
				copy(localIn, out);
			}
			catch (IOException ex) {
				// A broken tunnel ends the other direction too, which reports it.
			}
		});
		try {
			copy(tunnel.input(), localOut);
			endLocalOutput.run();
		}
		finally {
			// The service is done talking; whatever the local side still sends has no
			// reader, so do not wait for it for ever.
			try {
				upstream.join(1000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
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
