package io.octoplane.protocol.agent;

import java.io.IOException;
import java.net.Socket;

import jdk.net.ExtendedSocketOptions;

/**
 * Socket handling both ends of a tunnel's data connection need alike: it has no read
 * timeout, so silence is probed with TCP keepalive, and a tunnel that breaks is reset
 * rather than closed, so the peer reads an error instead of a clean end of a cut stream.
 */
public final class LinkSockets {

	private LinkSockets() {
	}

	/**
	 * Turns on TCP keepalive, with the first probe after a minute of silence where the
	 * platform allows it, so a tunnel whose peer vanished (a NAT that forgot it, a cut
	 * link) ends within minutes instead of holding its threads for ever.
	 * @param socket the connection
	 */
	public static void keepAlive(Socket socket) {
		try {
			socket.setKeepAlive(true);
			if (socket.supportedOptions().contains(ExtendedSocketOptions.TCP_KEEPIDLE)) {
				socket.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, 60);
				socket.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, 10);
				socket.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, 6);
			}
		}
		catch (IOException ex) {
			// Without keepalive the tunnel still ends when either side closes.
		}
	}

	/**
	 * Closes a connection with a reset: no TLS close_notify, no FIN. Closing a TLS socket
	 * normally would also wait for its record lock, which a stuck writer may hold.
	 * @param socket the connection
	 */
	public static void reset(Socket socket) {
		try {
			socket.setSoLinger(true, 0);
		}
		catch (IOException ex) {
			// Already broken; closing below still releases it.
		}
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Already broken: as good as reset.
		}
	}

}
