package io.octoplane.brain.peer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.octoplane.brain.config.BrainIdentity;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.stereotype.Component;

/**
 * Calls other brains on their peer port: mutual TLS with this brain's certificate, the
 * peer's host name checked against its certificate, and a bounded wait for the answer. An
 * address comes from the {@link PeerDirectory}; a brain that is not announced or does not
 * answer is an {@link IOException} naming it, a brain that answers no a
 * {@link PeerRefusedException}.
 */
@Component
public class PeerClient {

	private final PeerDirectory directory;

	private final BrainIdentity identity;

	private final PeerProperties properties;

	private final SslBundles bundles;

	/** Made on the first call: a brain run for a one-off command has no TLS files. */
	private volatile @Nullable SSLContext tls;

	PeerClient(PeerDirectory directory, BrainIdentity identity, PeerProperties properties, SslBundles bundles) {
		this.directory = directory;
		this.identity = identity;
		this.properties = properties;
		this.bundles = bundles;
	}

	/** The live peers other than this brain, by name. */
	public Map<String, URI> others() {
		return this.directory.others(this.identity.name());
	}

	/** This brain's name, as peers know it. */
	public String self() {
		return this.identity.name();
	}

	/**
	 * Calls a brain by name.
	 * @param brain the brain
	 * @param verb what to ask
	 * @param arguments its arguments
	 * @return the accepted connection, to read or stream on; the caller closes it
	 * @throws IOException if the brain cannot be reached
	 * @throws PeerRefusedException if it answered no, or no brain of that name is up
	 */
	public PeerConnection call(String brain, String verb, String... arguments)
			throws IOException, PeerRefusedException {
		URI address = this.directory.address(brain)
			.orElseThrow(() -> new PeerRefusedException(PeerConnection.MISSING,
					"no brain named " + brain + " is up (none announces that name in Redis)"));
		return call(brain, address, verb, arguments);
	}

	/**
	 * Calls a brain at a known address.
	 * @param brain the brain's name, for messages
	 * @param address its peer address
	 * @param verb what to ask
	 * @param arguments its arguments
	 * @return the accepted connection; the caller closes it
	 * @throws IOException if the brain cannot be reached
	 * @throws PeerRefusedException if it answered no
	 */
	public PeerConnection call(String brain, URI address, String verb, String... arguments)
			throws IOException, PeerRefusedException {
		int timeout = (int) this.properties.timeout().toMillis();
		SSLSocket socket = (SSLSocket) tls().getSocketFactory().createSocket();
		try {
			SSLParameters parameters = socket.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			parameters.setProtocols(new String[] { "TLSv1.3" });
			socket.setSSLParameters(parameters);
			socket.connect(new InetSocketAddress(address.getHost(), address.getPort()), timeout);
			socket.setSoTimeout(timeout);
			socket.setTcpNoDelay(true);
			PeerConnection connection = new PeerConnection(socket);
			connection.writeCall(verb, List.of(arguments));
			String[] answer = connection.readAnswer();
			if (!PeerConnection.OK.equals(answer[0])) {
				throw new PeerRefusedException(answer[0], "brain " + brain + ": " + answer[1]);
			}
			return connection;
		}
		catch (IOException ex) {
			socket.close();
			throw new IOException("brain " + brain + " at " + address + " cannot be reached: " + ex.getMessage(), ex);
		}
		catch (PeerRefusedException ex) {
			socket.close();
			throw ex;
		}
	}

	private SSLContext tls() {
		SSLContext current = this.tls;
		if (current == null) {
			synchronized (this) {
				current = this.tls;
				if (current == null) {
					current = this.bundles.getBundle(this.properties.sslBundle()).createSslContext();
					this.tls = current;
				}
			}
		}
		return current;
	}

}
