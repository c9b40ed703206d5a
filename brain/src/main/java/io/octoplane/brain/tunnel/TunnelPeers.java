package io.octoplane.brain.tunnel;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.octoplane.brain.agent.AgentSession;
import io.octoplane.brain.agent.AgentSessions;
import io.octoplane.brain.peer.PeerConnection;
import io.octoplane.brain.peer.PeerService;
import io.octoplane.protocol.agent.OpenTunnel;

import org.springframework.stereotype.Component;

/**
 * What a brain does for other brains' tunnels (the calls of {@link TunnelRelays}): sends
 * a node it holds the request of a tunnel opened elsewhere, and joins to a tunnel that
 * lives here the node's data connection or the operator's WebSocket that another brain
 * received.
 */
@Component
class TunnelPeers implements PeerService {

	private final AgentSessions sessions;

	private final TunnelBroker broker;

	TunnelPeers(AgentSessions sessions, TunnelBroker broker) {
		this.sessions = sessions;
		this.broker = broker;
	}

	@Override
	public Set<String> verbs() {
		return Set.of(TunnelRelays.OPEN, TunnelRelays.DATA, TunnelRelays.OPERATOR);
	}

	@Override
	public void serve(String verb, List<String> arguments, PeerConnection connection) throws IOException {
		if (arguments.size() != 3 && arguments.size() != 4) {
			connection.answer(PeerConnection.REFUSED, "a " + verb + " call has 3 or 4 arguments");
			return;
		}
		switch (verb) {
			case TunnelRelays.OPEN -> open(arguments, connection);
			case TunnelRelays.DATA ->
				this.broker.joinRelayed(arguments.get(0), arguments.get(1), arguments.get(2), connection);
			default -> this.broker.attachRelayed(arguments.get(0), arguments.get(1), arguments.get(2), connection);
		}
	}

	private void open(List<String> arguments, PeerConnection connection) throws IOException {
		String node = arguments.get(0);
		Optional<AgentSession> session = this.sessions.find(node);
		if (session.isEmpty() || arguments.size() != 4) {
			connection.answer(PeerConnection.MISSING, "node " + node + " is not connected here");
			return;
		}
		try {
			session.get().send(new OpenTunnel(arguments.get(1), arguments.get(2), Integer.parseInt(arguments.get(3))));
		}
		catch (IOException | IllegalArgumentException ex) {
			connection.answer(PeerConnection.MISSING, "node " + node + " went offline: " + ex.getMessage());
			return;
		}
		connection.answer(PeerConnection.OK, "");
	}

}
