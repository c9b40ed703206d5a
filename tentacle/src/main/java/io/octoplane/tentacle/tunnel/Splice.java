package io.octoplane.tentacle.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

import io.octoplane.protocol.agent.LinkSockets;
import io.octoplane.tentacle.connection.DataChannel;

/**
 * Copies bytes between a service connection and a tunnel's data connection, both ways at
 * once. The end of one direction is passed on as a half-close, so protocols that signal
 * "done sending" with it (and tools like {@code nc}) work; the splice ends when both
 * directions ended or either connection failed. Tunnels and gateway relays both use it.
 */
public final class Splice {

	private static final int BUFFER = 32 * 1024;

	private Splice() {
	}

	/**
	 * Runs the splice until it is over.
	 * @param service the service connection
	 * @param channel the data connection to the brain
	 * @return the bytes moved each way
	 * @throws IOException if the data connection cannot be read
	 */
	public static Totals run(Socket service, DataChannel channel) throws IOException {
		AtomicLong toService = new AtomicLong();
		InputStream fromBrain = channel.in();
		OutputStream serviceOut = service.getOutputStream();
		Thread upstream = Thread.ofVirtual().name("tentacle-tunnel-up").start(() -> {
			try {
				toService.set(copy(fromBrain, serviceOut));
				service.shutdownOutput();
			}
			catch (IOException ex) {
				breakBoth(service, channel);
			}
		});
		long fromService = 0;
		try {
			fromService = copy(service.getInputStream(), channel.out());
			channel.shutdownOutput();
		}
		catch (IOException ex) {
			breakBoth(service, channel);
		}
		try {
			upstream.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			channel.abort();
		}
		return new Totals(toService.get(), fromService);
	}

	private static long copy(InputStream in, OutputStream out) throws IOException {
		byte[] buffer = new byte[BUFFER];
		long total = 0;
		int read;
		while ((read = in.read(buffer)) >= 0) {
			out.write(buffer, 0, read);
			// Interactive traffic (a shell) must not wait for a full buffer.
			out.flush();
			total += read;
		}
		return total;
	}

	/**
	 * One side broke: reset both connections, so each peer reads an error rather than a
	 * clean end of a cut stream, and the other direction stops too.
	 */
	static void breakBoth(Socket service, DataChannel channel) {
		LinkSockets.reset(service);
		channel.abort();
	}

	/**
	 * Bytes moved by a finished splice.
	 *
	 * @param toService from the brain to the service
	 * @param fromService from the service to the brain
	 */
	public record Totals(long toService, long fromService) {

	}

}
