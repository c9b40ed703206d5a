package io.octoplane.brain.tunnel;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import io.octoplane.brain.agent.AgentSession;
import io.octoplane.brain.agent.AgentSessions;
import io.octoplane.brain.agent.TunnelEndpoint;
import io.octoplane.brain.node.NodeService;
import io.octoplane.brain.peer.PeerConnection;
import io.octoplane.brain.security.Caller;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.agent.OpenTunnel;
import io.octoplane.protocol.agent.TunnelAttach;
import io.octoplane.protocol.api.TunnelRequest;
import io.octoplane.protocol.api.TunnelResponse;
import io.octoplane.server.web.InvalidRequestException;
import io.octoplane.server.web.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Opens tunnels and joins the three parts: the operator's request, the node's data
 * connection and the operator's WebSocket. A tunnel lives in the memory of the brain that
 * took the request; the node's request goes out through whichever brain holds the node,
 * and a data connection or WebSocket that lands on another brain is relayed to this one
 * ({@link TunnelRelays}). A brain restart ends its tunnels, as it ends the WebSockets
 * attached to them.
 */
@Service
public class TunnelBroker implements TunnelEndpoint {

	private static final Logger logger = LoggerFactory.getLogger(TunnelBroker.class);

	// A host name or an IP literal; nothing a resolver or a log line could misread.
	private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:%-]{1,253}");

	private final AgentSessions sessions;

	private final NodeService nodes;

	private final WorkgroupService workgroups;

	private final TunnelProperties properties;

	private final Clock clock;

	private final TunnelMetrics metrics;

	private final TunnelRelays relays;

	private final Map<String, Tunnel> tunnels = new ConcurrentHashMap<>();

	private final SecureRandom random = new SecureRandom();

	TunnelBroker(AgentSessions sessions, NodeService nodes, WorkgroupService workgroups, TunnelProperties properties,
			Clock clock, TunnelMetrics metrics, TunnelRelays relays) {
		this.relays = relays;
		this.sessions = sessions;
		this.nodes = nodes;
		this.workgroups = workgroups;
		this.properties = properties;
		this.clock = clock;
		this.metrics = metrics;
		metrics.watch(this.tunnels);
	}

	/**
	 * Asks the node to reach the service and waits until it did, so that every failure is
	 * an answer to this request rather than a WebSocket that closes at once.
	 * @param caller who opens it
	 * @param node the node
	 * @param request the service
	 * @return the tunnel to attach to
	 */
	TunnelResponse open(Caller caller, String node, TunnelRequest request) {
		String host = request.host().strip();
		if (!HOST.matcher(host).matches()) {
			throw new InvalidRequestException(
					"host must be a host name or an IP address, not '" + request.host() + "'");
		}
		if (request.port() < 1 || request.port() > 65535) {
			throw new InvalidRequestException("port must be between 1 and 65535, not " + request.port());
		}
		if (!this.workgroups.canSee(caller.workgroup(), node)) {
			throw new NotFoundException(ErrorCode.NODE_NOT_FOUND, "no such node: " + node);
		}
		AgentSession session = this.sessions.find(node).orElse(null);
		if (session == null && !this.nodes.isReachable(node)) {
			throw new TunnelException(ErrorCode.NODE_OFFLINE, "node " + node + " is offline");
		}
		Tunnel tunnel = new Tunnel(newId(), caller.name(), caller.workgroup(), node, host, request.port());
		// The node's data connection may land on any brain; it finds this one here.
		this.relays.home(tunnel.id(), this.properties.openTimeout().plus(this.properties.attachTimeout()));
		synchronized (this.tunnels) {
			if (this.tunnels.size() >= this.properties.maxOpen()) {
				this.metrics.refused();
				this.relays.forget(tunnel.id());
				throw new TunnelException(ErrorCode.UNAVAILABLE, "this brain has " + this.properties.maxOpen()
						+ " tunnels open (octoplane.tunnel.max-open); close one or try again later");
			}
			this.tunnels.put(tunnel.id(), tunnel);
		}
		try {
			if (session != null) {
				session.send(new OpenTunnel(tunnel.id(), host, request.port()));
			}
			else {
				this.relays.askHolder(tunnel);
			}
			tunnel.link().get(this.properties.openTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TunnelException ex) {
			forget(tunnel);
			throw ex;
		}
		catch (IOException ex) {
			forget(tunnel);
			throw new TunnelException(ErrorCode.NODE_OFFLINE, "node " + node + " went offline: " + ex.getMessage());
		}
		catch (ExecutionException ex) {
			forget(tunnel);
			this.metrics.failed();
			throw new TunnelException(ErrorCode.TUNNEL_FAILED,
					"node " + node + " could not open the tunnel: " + ex.getCause().getMessage());
		}
		catch (TimeoutException ex) {
			forget(tunnel);
			this.metrics.failed();
			throw new TunnelException(ErrorCode.UNAVAILABLE, "node " + node + " did not open the tunnel within "
					+ this.properties.openTimeout().toSeconds() + " s (an older tentacle, or a slow link)");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			forget(tunnel);
			throw new TunnelException(ErrorCode.UNAVAILABLE, "interrupted while opening the tunnel");
		}
		logger.info("Tunnel {} from {} to {} {} opened", shortId(tunnel), caller.name(), node, tunnel.target());
		return new TunnelResponse(tunnel.id(), node, host, request.port(),
				this.clock.instant().plus(this.properties.attachTimeout()));
	}

	/**
	 * Hands an opened tunnel to its operator's WebSocket, once.
	 * @param id the tunnel's id
	 * @param caller who attaches
	 * @return the tunnel, or empty if it is unknown, someone else's, or already attached
	 */
	Optional<Tunnel> claim(String id, Caller caller) {
		Tunnel here = this.tunnels.get(id);
		if (here == null) {
			// The tunnel lives on another brain: attach through it.
			Optional<Tunnel> relayed = this.relays.claimElsewhere(id, caller.name(), caller.workgroup());
			relayed.ifPresent((tunnel) -> this.tunnels.put(tunnel.id(), tunnel));
			return relayed;
		}
		return claim(id, caller.name(), caller.workgroup());
	}

	private Optional<Tunnel> claim(String id, String caller, String workgroup) {
		Tunnel tunnel = this.tunnels.get(id);
		if (tunnel == null || tunnel.isRelayed() || !tunnel.ownedBy(caller, workgroup) || !tunnel.link().isDone()
				|| tunnel.link().isCompletedExceptionally() || !tunnel.claim()) {
			return Optional.empty();
		}
		return Optional.of(tunnel);
	}

	/**
	 * Ends a tunnel and forgets it.
	 * @param tunnel the tunnel
	 */
	void close(Tunnel tunnel) {
		end(tunnel, true);
	}

	/**
	 * Ends a broken tunnel: the node's connection is reset, so the service sees an error
	 * rather than a clean end of a cut stream.
	 * @param tunnel the tunnel
	 */
	void abort(Tunnel tunnel) {
		end(tunnel, false);
	}

	private void end(Tunnel tunnel, boolean clean) {
		if (this.tunnels.remove(tunnel.id(), tunnel)) {
			if (!tunnel.isRelayed()) {
				this.relays.forget(tunnel.id());
			}
			logger.info("Tunnel {} to {} {} {}", shortId(tunnel), tunnel.node(), tunnel.target(),
					clean ? "closed" : "broken off");
		}
		tunnel.end(clean);
	}

	/**
	 * Ends every tunnel as the brain shuts down, before the agent port waits for its
	 * connections: a tunnel's connection would otherwise wait for its operator.
	 */
	@EventListener(ContextClosedEvent.class)
	void closeAll() {
		this.tunnels.values().forEach(this::close);
	}

	@Override
	public void attach(String nodeName, TunnelAttach attach, Link link) throws IOException {
		Tunnel tunnel = this.tunnels.get(attach.token());
		if (tunnel == null) {
			// Opened through another brain: the connection is relayed to it.
			this.relays.relayData(nodeName, attach, link);
			return;
		}
		join(tunnel, nodeName, attach.error(), link);
	}

	/**
	 * Joins a node's data connection that another brain received to its tunnel here.
	 * @param id the tunnel
	 * @param nodeName the node, from its certificate as that brain checked it
	 * @param error why the node could not reach the service, or empty
	 * @param connection the connection from that brain
	 * @throws IOException if the connection breaks
	 */
	void joinRelayed(String id, String nodeName, String error, PeerConnection connection) throws IOException {
		Tunnel tunnel = this.tunnels.get(id);
		if (tunnel == null || tunnel.isRelayed() || !tunnel.node().equals(nodeName)) {
			connection.answer(PeerConnection.MISSING, "no such tunnel here");
			return;
		}
		connection.answer(PeerConnection.OK, "");
		join(tunnel, nodeName, error.isEmpty() ? null : error, new PeerLink(connection));
	}

	/**
	 * Attaches to a tunnel here an operator whose WebSocket another brain received, and
	 * carries the bytes until the tunnel ends.
	 * @param id the tunnel
	 * @param caller who attaches
	 * @param workgroup the caller's workgroup
	 * @param connection the connection from that brain
	 * @throws IOException if the connection breaks before the answer
	 */
	void attachRelayed(String id, String caller, String workgroup, PeerConnection connection) throws IOException {
		Optional<Tunnel> claimed = claim(id, caller, workgroup);
		if (claimed.isEmpty()) {
			connection.answer(PeerConnection.MISSING, "no such tunnel here");
			return;
		}
		Tunnel tunnel = claimed.get();
		connection.answer(PeerConnection.OK, tunnel.node() + " " + tunnel.host() + " " + tunnel.port());
		tunnel.attached();
		PeerLink operator = new PeerLink(connection);
		if (LinkSplice.run(operator, tunnel.link().join(), "tunnel-" + tunnel.node())) {
			close(tunnel);
		}
		else {
			abort(tunnel);
		}
	}

	private void join(Tunnel tunnel, String nodeName, @Nullable String error, Link link) {
		if (!tunnel.node().equals(nodeName)) {
			logger.warn("Node {} attached to an unknown tunnel; closing", nodeName);
			return;
		}
		if (error != null) {
			tunnel.link().completeExceptionally(new IOException(error));
			return;
		}
		if (!tunnel.link().complete(link)) {
			logger.warn("Node {} attached twice to tunnel {}; closing the second", nodeName, shortId(tunnel));
			return;
		}
		this.metrics.opened();
		try {
			// This thread holds the node's connection open until the tunnel ends; an
			// operator who never attaches costs it only the attach timeout.
			// Attached means an established WebSocket: a handshake that was claimed but
			// failed (not an upgrade, refused origin) must not keep the tunnel for ever.
			if (!tunnel.awaitEnd(this.properties.attachTimeout().toMillis()) && !tunnel.isAttached()) {
				logger.info("Tunnel {} to {} was not attached in time; closing", shortId(tunnel), nodeName);
				close(tunnel);
				return;
			}
			tunnel.awaitEnd();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			close(tunnel);
		}
	}

	private void forget(Tunnel tunnel) {
		this.tunnels.remove(tunnel.id(), tunnel);
		this.relays.forget(tunnel.id());
		tunnel.end(false);
	}

	private String newId() {
		byte[] bytes = new byte[24];
		this.random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	// Ids are capabilities; logs show only enough to correlate.
	private static String shortId(Tunnel tunnel) {
		return tunnel.id().substring(0, 8);
	}

}
