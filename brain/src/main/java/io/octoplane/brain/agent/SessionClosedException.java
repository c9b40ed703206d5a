package io.octoplane.brain.agent;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

/** A node's connection ended while a command was waiting for its result. */
public class SessionClosedException extends IOException {

	public SessionClosedException(String nodeName, @Nullable Throwable cause) {
		super("connection to node " + nodeName + " closed before its result arrived", cause);
	}

}
