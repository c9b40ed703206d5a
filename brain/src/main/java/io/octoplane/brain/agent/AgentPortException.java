package io.octoplane.brain.agent;

import java.io.IOException;

/** The brain cannot listen on its agent port, typically because something else does. */
public class AgentPortException extends RuntimeException {

	private final String address;

	private final int port;

	public AgentPortException(String address, int port, IOException cause) {
		super("cannot listen for tentacles on " + address + ":" + port + ": " + cause.getMessage(), cause);
		this.address = address;
		this.port = port;
	}

	/** The address it tried to bind. */
	public String address() {
		return this.address;
	}

	/** The port it tried to bind. */
	public int port() {
		return this.port;
	}

}
