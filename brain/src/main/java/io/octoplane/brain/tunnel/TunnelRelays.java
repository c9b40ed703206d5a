package io.octoplane.brain.tunnel;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.octoplane.brain.agent.TunnelEndpoint.Link;
import io.octoplane.brain.peer.PeerClient;
import io.octoplane.brain.peer.PeerConnection;
import io.octoplane.brain.peer.PeerRefusedException;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.agent.TunnelAttach;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The calls a brain makes to other brains for tunnels whose parts are not all here: it
 * asks the brain that holds a node to send the node its tunnel request, relays a node's
 * data connection to the brain the tunnel lives on, and attaches an operator to a tunnel
 * that lives on another brain. The other end of each call is {@link TunnelPeers}.
 */
@Component
class TunnelRelays {

	private static final Logger logger = LoggerFactory.getLogger(TunnelRelays.class);

	static final String OPEN = "tunnel-open";

	static final String DATA = "tunnel-data";

	static final String OPERATOR = "tunnel-operator";

	private final PeerClient peers;

	private final TunnelHomes homes;

	TunnelRelays(PeerClient peers, TunnelHomes homes) {
		this.peers = peers;
		this.homes = homes;
	}

	/**
	 * Records that a tunnel lives on this brain, for as long as it may wait. Without
	 * Redis the tunnel still works when its parts all land here, as with one brain.
	 */
	void home(String id, Duration ttl) {
		try {
			this.homes.put(id, this.peers.self(), ttl);
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot record tunnel {} in Redis; only this brain can join it: {}", shortId(id),
					ex.getMessage());
		}
	}

	/** The brain another brain's tunnel lives on; empty if none, or if it is this one. */
	private Optional<String> homeElsewhere(String id) {
		try {
			return this.homes.find(id).filter((brain) -> !brain.equals(this.peers.self()));
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot look tunnel {} up in Redis: {}", shortId(id), ex.getMessage());
			return Optional.empty();
		}
	}

	void forget(String id) {
		try {
			this.homes.remove(id);
		}
		catch (RuntimeException ex) {
			// Redis away: the key lapses by itself.
			logger.debug("Cannot remove the home of tunnel {}: {}", shortId(id), ex.getMessage());
		}
	}

	/**
	 * Asks every other brain at once to send the node the tunnel request; the one that
	 * holds the node does.
	 * @param tunnel the tunnel
	 * @throws TunnelException if no brain holds the node, or the ones that might cannot
	 * be reached
	 */
	void askHolder(Tunnel tunnel) {
		Map<String, URI> others = this.peers.others();
		if (others.isEmpty()) {
			throw new TunnelException(ErrorCode.NODE_OFFLINE, "node " + tunnel.node()
					+ " is connected to another brain, but no other brain announces a peer address (octoplane.peer.*)");
		}
		List<String> unreachable = new ArrayList<>();
		boolean sent = false;
		try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<Boolean>> answers = new ArrayList<>();
			for (Map.Entry<String, URI> peer : others.entrySet()) {
				answers.add(calls.submit(() -> askOne(peer.getKey(), peer.getValue(), tunnel)));
			}
			for (Future<Boolean> answer : answers) {
				try {
					sent |= answer.get();
				}
				catch (ExecutionException ex) {
					unreachable.add(ex.getCause().getMessage());
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TunnelException(ErrorCode.UNAVAILABLE, "interrupted while opening the tunnel");
		}
		if (sent) {
			return;
		}
		if (!unreachable.isEmpty()) {
			throw new TunnelException(ErrorCode.UNAVAILABLE,
					"node " + tunnel.node() + " is connected to another brain, and not every brain could be asked: "
							+ String.join("; ", unreachable));
		}
		throw new TunnelException(ErrorCode.NODE_OFFLINE, "node " + tunnel.node()
				+ " is connected, but no brain holds its connection right now (it may be reconnecting); try again");
	}

	private boolean askOne(String brain, URI address, Tunnel tunnel) throws IOException {
		try (PeerConnection connection = this.peers.call(brain, address, OPEN, tunnel.node(), tunnel.id(),
				tunnel.host(), Integer.toString(tunnel.port()))) {
			return true;
		}
		catch (PeerRefusedException ex) {
			return false;
		}
	}

	/**
	 * Relays a node's data connection to the brain its tunnel lives on; returns when the
	 * tunnel is over.
	 * @param node the node, from its certificate
	 * @param attach the connection's first frame
	 * @param link the connection
	 */
	void relayData(String node, TunnelAttach attach, Link link) {
		Optional<String> home = homeElsewhere(attach.token());
		if (home.isEmpty()) {
			logger.warn("Node {} attached to an unknown tunnel; closing", node);
			return;
		}
		String error = (attach.error() != null) ? attach.error() : "";
		try (PeerConnection connection = this.peers.call(home.get(), DATA, attach.token(), node, error)) {
			if (!error.isEmpty()) {
				return;
			}
			PeerLink peer = new PeerLink(connection);
			logger.debug("Relaying the data connection of node {} to brain {}", node, home.get());
			if (LinkSplice.run(link, peer, "tunnel-relay-" + node)) {
				link.close();
			}
		}
		catch (IOException | PeerRefusedException ex) {
			logger.warn("Cannot relay a tunnel of node {} to brain {}: {}", node, home.get(), ex.getMessage());
			link.abort();
		}
	}

	/**
	 * Attaches an operator to a tunnel that lives on another brain.
	 * @param id the tunnel
	 * @param caller who attaches
	 * @param workgroup the caller's workgroup
	 * @return a tunnel here whose node side is the other brain, or empty if no brain has
	 * such a tunnel for this caller
	 */
	Optional<Tunnel> claimElsewhere(String id, String caller, String workgroup) {
		Optional<String> home = homeElsewhere(id);
		if (home.isEmpty()) {
			return Optional.empty();
		}
		try {
			PeerConnection connection = this.peers.call(home.get(), OPERATOR, id, caller, workgroup);
			String[] target = connection.detail().split(" ");
			Tunnel tunnel = Tunnel.relayed(id, caller, workgroup, target[0], target[1], Integer.parseInt(target[2]));
			tunnel.link().complete(new PeerLink(connection));
			tunnel.claim();
			return Optional.of(tunnel);
		}
		catch (PeerRefusedException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			logger.warn("Cannot attach to tunnel {} on brain {}: {}", shortId(id), home.get(), ex.getMessage());
			return Optional.empty();
		}
	}

	// Ids are capabilities; logs show only enough to correlate.
	private static String shortId(String id) {
		return (id.length() > 8) ? id.substring(0, 8) : id;
	}

}
