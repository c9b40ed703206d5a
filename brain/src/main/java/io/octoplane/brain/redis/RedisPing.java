package io.octoplane.brain.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Asks whether a Redis answers at an address, with a raw {@code PING}, before any client
 * library is set up.
 */
final class RedisPing {

	private RedisPing() {
	}

	/**
	 * Sends PING and reads the first reply line.
	 * @param host host to ask
	 * @param port port to ask
	 * @param timeout connect and read timeout
	 * @return whether the reply looks like Redis: {@code +PONG}, or an error such as
	 * {@code -NOAUTH} that only Redis sends
	 */
	static boolean answers(String host, int port, Duration timeout) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
			socket.setSoTimeout((int) timeout.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = new byte[64];
			int read = in.read(reply);
			if (read <= 0) {
				return false;
			}
			String line = new String(reply, 0, read, StandardCharsets.US_ASCII);
			return line.startsWith("+PONG") || line.startsWith("-NOAUTH") || line.startsWith("-LOADING");
		}
		catch (IOException ex) {
			return false;
		}
	}

}
