package io.octoplane.tentacle.connection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.octoplane.protocol.agent.AgentMessage;
import io.octoplane.protocol.agent.BufferedSocket;
import io.octoplane.protocol.agent.DataOpen;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.TunnelAttach;
import io.octoplane.tentacle.config.BrainAddress;
import io.octoplane.tentacle.config.EdgeSettings;
import org.jspecify.annotations.Nullable;

/**
 * Opens the TLS socket to the brain: TLS 1.3 only, our node certificate offered, the
 * brain's certificate checked against the configured CA and against the brain's host name
 * (HTTPS rules), so a certificate stolen from another server of the same CA is refused.
 * Where it dials is up to a {@link BrainLocator}.
 */
public final class BrainDialer {

	// Replaced after a certificate renewal; the next dial presents the new certificate.
	private volatile SSLContext sslContext;

	private final BrainLocator locator;

	private volatile @Nullable BrainAddress brain;

	private final Duration timeout;

	private volatile @Nullable BrainAddress via;

	private volatile boolean compressData;

	private volatile EdgeSettings.Compression compressUploads = EdgeSettings.Compression.OFF;

	/**
	 * Creates a dialer for one fixed address.
	 * @param sslContext context holding the node's key and the CA as trust anchor
	 * @param brain the brain's agent address
	 * @param timeout limit for TCP connect and for the TLS handshake
	 */
	public BrainDialer(SSLContext sslContext, BrainAddress brain, Duration timeout) {
		this(sslContext, BrainLocator.fixed(brain), timeout);
		this.brain = brain;
	}

	/**
	 * Creates a dialer that asks a locator for the address before every dial.
	 * @param sslContext context holding the node's key and the CA as trust anchor
	 * @param locator decides where each dial goes
	 * @param timeout limit for TCP connect and for the TLS handshake
	 */
	public BrainDialer(SSLContext sslContext, BrainLocator locator, Duration timeout) {
		this.sslContext = sslContext;
		this.locator = locator;
		this.timeout = timeout;
	}

	/**
	 * Uses another context from the next dial on; a connection already open keeps the
	 * certificate it was opened with.
	 * @param sslContext context holding the node's new key and the CA
	 */
	public void useContext(SSLContext sslContext) {
		this.sslContext = sslContext;
	}

	/**
	 * Dials a gateway instead of the brain from the next dial on: TCP goes to the
	 * gateway, TLS still runs with the brain and checks the brain's certificate against
	 * the brain's name, so the gateway only relays bytes it cannot read.
	 * @param gateway the gateway's address, or {@code null} to dial the brain
	 */
	public void via(@Nullable BrainAddress gateway) {
		this.via = gateway;
	}

	/**
	 * Whether file fetches ask the brain for compressed bytes: the node's setting is
	 * {@code on} and the brain it reached last announced that it compresses.
	 * @return whether to ask
	 */
	public boolean compressesData() {
		return this.compressData;
	}

	/**
	 * Records what was agreed with the brain on the control connection.
	 * @param compress whether data connections may be compressed
	 */
	public void compressData(boolean compress) {
		this.compressData = compress;
	}

	/**
	 * How file sends to the brain are compressed: the node's compression setting when the
	 * brain it reached last inflates uploads, otherwise {@code off}.
	 * @return the setting to send by
	 */
	public EdgeSettings.Compression compressesUploads() {
		return this.compressUploads;
	}

	/**
	 * Records what was agreed with the brain for file sends.
	 * @param compression the node's setting, or {@code off} for a brain that cannot
	 * inflate uploads
	 */
	public void compressUploads(EdgeSettings.Compression compression) {
		this.compressUploads = compression;
	}

	/** The address dialled last, or {@code null} before the first dial. */
	public @Nullable BrainAddress brain() {
		return this.brain;
	}

	/**
	 * Opens a data connection for one file command or tunnel: a connection of its own, so
	 * the bytes never delay the control connection's heartbeats.
	 * @param open the first frame ({@link DataOpen} or {@link TunnelAttach}), with the
	 * token the brain gave
	 * @param codec the frame codec
	 * @param readTimeout how long a read may wait for the brain; zero waits for ever
	 * @return the open connection
	 * @throws IOException if the brain is unreachable or the handshake fails
	 */
	public DataChannel openData(AgentMessage open, FrameCodec codec, Duration readTimeout) throws IOException {
		TlsLink link = dial();
		try {
			link.tls().setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
			codec.write(link.tls().getOutputStream(), open);
			return new DataChannel(link, codec);
		}
		catch (IOException | RuntimeException ex) {
			link.tcp().close();
			throw ex;
		}
	}

	/**
	 * Connects and completes the TLS handshake. The host name is resolved on every call.
	 * @return the connected link, with the timeout set as its read timeout
	 * @throws IOException if the brain is unreachable or the handshake fails
	 */
	TlsLink dial() throws IOException {
		int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, this.timeout.toMillis());
		SSLContext context = this.sslContext;
		BrainAddress target = this.locator.next(context);
		this.brain = target;
		BrainAddress gateway = this.via;
		BrainAddress next = (gateway != null) ? gateway : target;
		// Buffered: the TLS layered over it reads a whole record per system call.
		Socket tcp = new BufferedSocket();
		try {
			tcp.connect(new InetSocketAddress(next.host(), next.port()), timeoutMillis);
			tcp.setTcpNoDelay(true);
			SSLSocket socket = (SSLSocket) context.getSocketFactory()
				.createSocket(tcp, target.host(), target.port(), true);
			SSLParameters parameters = socket.getSSLParameters();
			parameters.setProtocols(new String[] { "TLSv1.3" });
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			socket.setSSLParameters(parameters);
			socket.setSoTimeout(timeoutMillis);
			socket.startHandshake();
			this.locator.reached(target);
			return new TlsLink(socket, tcp);
		}
		catch (IOException | RuntimeException ex) {
			tcp.close();
			this.locator.failed(target);
			throw ex;
		}
	}

}
