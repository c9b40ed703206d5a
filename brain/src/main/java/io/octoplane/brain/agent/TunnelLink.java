package io.octoplane.brain.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import io.octoplane.protocol.agent.LinkSockets;
import io.octoplane.protocol.agent.TunnelAttach;

/**
 * A tunnel's data connection as the {@link TunnelEndpoint} sees it: raw bytes both ways,
 * writes under the link's deadline, close and reset.
 */
final class TunnelLink implements TunnelEndpoint.Link {

	private final AgentLink link;

	TunnelLink(AgentLink link) {
		this.link = link;
	}

	/** Joins the tunnel waiting for this connection; returns when the tunnel is over. */
	void attach(TunnelEndpoint tunnels, String nodeName, TunnelAttach attach) throws IOException {
		// An interactive session may be quiet for hours: no read timeout, but TCP
		// keepalive notices a peer that vanished without a word.
		this.link.socket().setSoTimeout(0);
		LinkSockets.keepAlive(this.link.socket());
		tunnels.attach(nodeName, attach, this);
	}

	@Override
	public InputStream in() throws IOException {
		return this.link.socket().getInputStream();
	}

	@Override
	public OutputStream out() throws IOException {
		return this.link.writer().guard(this.link.socket().getOutputStream());
	}

	@Override
	public void shutdownOutput() throws IOException {
		this.link.socket().shutdownOutput();
	}

	@Override
	public void close() {
		this.link.closeSocket();
	}

	@Override
	public void abort() {
		this.link.abort();
	}

}
