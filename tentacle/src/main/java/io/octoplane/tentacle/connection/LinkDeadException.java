package io.octoplane.tentacle.connection;

import java.io.IOException;

/**
 * Nothing arrived from the brain for three heartbeat intervals. TCP alone can take many
 * minutes to notice a vanished peer (NAT state dropped, cable pulled), so the agent
 * declares the link dead itself and redials.
 */
public class LinkDeadException extends IOException {

	public LinkDeadException(String message) {
		super(message);
	}

}
