package io.octoplane.protocol.agent;

import io.octoplane.protocol.ProtocolVersion;

/** The peer speaks a protocol version this build does not. */
public class UnsupportedProtocolVersionException extends ProtocolException {

	public UnsupportedProtocolVersionException(int version) {
		super("peer speaks protocol version " + version + ", this side speaks " + ProtocolVersion.CURRENT);
	}

}
