package io.octoplane.brain.agent;

import java.io.IOException;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.octoplane.protocol.agent.AgentMessage;
import io.octoplane.protocol.agent.BrainMessage;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.Hello;

/**
 * A bare TLS client of the agent port that speaks frames by hand, so tests can do what a
 * well-behaved tentacle never would: claim another name, send garbage, go silent.
 */
public final class RawAgentClient implements AutoCloseable {

	private final SSLSocket socket;

	private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

	private RawAgentClient(SSLSocket socket) {
		this.socket = socket;
	}

	public static RawAgentClient connect(SSLContext context, int port) throws IOException {
		SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
		socket.setSoTimeout((int) Duration.ofSeconds(5).toMillis());
		socket.startHandshake();
		return new RawAgentClient(socket);
	}

	public static Hello hello(String hostname) {
		return new Hello("test", hostname, "Linux", "amd64", System.currentTimeMillis());
	}

	public void send(AgentMessage message) throws IOException {
		this.codec.write(this.socket.getOutputStream(), message);
	}

	public void sendRaw(byte[] bytes) throws IOException {
		this.socket.getOutputStream().write(bytes);
		this.socket.getOutputStream().flush();
	}

	public BrainMessage receive() throws IOException {
		return this.codec.read(this.socket.getInputStream(), BrainMessage.class);
	}

	public java.io.InputStream in() throws IOException {
		return this.socket.getInputStream();
	}

	public java.io.OutputStream out() throws IOException {
		return this.socket.getOutputStream();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
