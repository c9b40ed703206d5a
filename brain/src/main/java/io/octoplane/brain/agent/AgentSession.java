package io.octoplane.brain.agent;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.octoplane.protocol.agent.AgentMessage;
import io.octoplane.protocol.agent.BrainMessage;
import io.octoplane.protocol.agent.Capabilities;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.agent.CommandOutput;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.CommandStarted;
import io.octoplane.protocol.agent.DataOpen;
import io.octoplane.protocol.agent.Facts;
import io.octoplane.protocol.agent.Heartbeat;
import io.octoplane.protocol.agent.HeartbeatAck;
import io.octoplane.protocol.agent.Hello;
import io.octoplane.protocol.agent.LinkCompression;
import io.octoplane.protocol.agent.ProtocolException;
import io.octoplane.protocol.agent.RelayOpen;
import io.octoplane.protocol.agent.RenewCertificate;
import io.octoplane.protocol.agent.ResultAck;
import io.octoplane.protocol.agent.SparseAcks;
import io.octoplane.protocol.agent.TunnelAttach;
import io.octoplane.protocol.agent.UnknownMessageException;
import io.octoplane.protocol.agent.Welcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;

/**
 * A node's control connection once it said Hello: records the connection, answers with
 * Welcome, registers itself as the node's session, then reads heartbeats and command
 * frames until the connection ends. Frames to the node go through {@link #send}, from any
 * thread.
 */
public final class AgentSession {

	private static final Logger logger = LoggerFactory.getLogger(AgentSession.class);

	private final AgentLink link;

	private final NodeIdentity node;

	private final ControlContext context;

	private final String sessionId = UUID.randomUUID().toString();

	private final HeartbeatPace pace;

	private final HeartbeatAnswers answers;

	private final Set<String> capabilities;

	private final String agentVersion;

	private volatile RevocationMark revocationsChecked;

	AgentSession(AgentLink link, NodeIdentity node, ControlContext context, Hello hello) {
		this.link = link;
		this.node = node;
		this.context = context;
		this.pace = HeartbeatPace.of(context.properties(), context.edge(), hello);
		this.capabilities = hello.capabilities();
		this.agentVersion = hello.agentVersion();
		this.revocationsChecked = node.revocationsChecked();
		this.answers = new HeartbeatAnswers(SparseAcks.agreed(hello.capabilities(), EdgeProperties.CAPABILITIES),
				this.pace.intervalMillis(), context.clock().instant());
	}

	/**
	 * Whether the node's tentacle runs a command mode, from what it announced in Hello.
	 * @param mode the mode
	 * @return whether a frame of that mode may be sent to it
	 */
	public boolean runs(CommandMode mode) {
		return Capabilities.runs(this.capabilities, mode);
	}

	/** The node's tentacle release, from its Hello. */
	public String agentVersion() {
		return this.agentVersion;
	}

	/** The node's name (its certificate CN). */
	public String nodeName() {
		return this.node.name();
	}

	/** Hex serial of the certificate the node connected with. */
	String certificateSerial() {
		return this.node.certificateSerial();
	}

	/** Hex serials of the node's certificate and of its gateways' certificates. */
	List<String> certificateSerials() {
		List<String> serials = new ArrayList<>();
		serials.add(this.node.certificateSerial());
		this.node.via().forEach((gateway) -> serials.add(gateway.certificateSerial()));
		return serials;
	}

	/** This session as the revocation sweep sees it. */
	RevocationSweep.Swept swept() {
		return new RevocationSweep.Swept() {

			@Override
			public String nodeName() {
				return AgentSession.this.nodeName();
			}

			@Override
			public List<String> certificateSerials() {
				return AgentSession.this.certificateSerials();
			}

			@Override
			public RevocationMark revocationsChecked() {
				return AgentSession.this.revocationsChecked;
			}

			@Override
			public void revocationsChecked(RevocationMark mark) {
				AgentSession.this.revocationsChecked = mark;
			}

			@Override
			public void close(String reason, boolean retry) {
				AgentSession.this.close(reason, retry);
			}

		};
	}

	/**
	 * The gateways this node's connection came through, names from the brain outwards
	 * separated by {@code /}; empty when it dialled the brain itself.
	 */
	public String gateway() {
		return this.node.gatewayPath();
	}

	/** The remote address, {@code host:port}. */
	public String remoteAddress() {
		return this.link.remoteAddress();
	}

	/**
	 * Greets the node and serves it until the connection ends.
	 * @param hello the node's first frame
	 * @param routed called once the node is welcomed, to end the handshake deadline
	 * @throws IOException if the connection fails or the node breaks the protocol
	 */
	void serve(Hello hello, Runnable routed) throws IOException {
		String name = this.node.name();
		try {
			this.context.presence()
				.connected(name, hello, remoteAddress(), this.sessionId, this.node.certificateSerial(),
						this.node.gatewayPath(), this.pace, this.context.clock().instant());
			// Welcome goes out before the session is
			// findable, so no command can overtake it.
			LinkCompression compression = LinkCompression.agreed(hello.capabilities(),
					this.context.edge().compressDown());
			send(new Welcome(name, this.pace.intervalMillis(), this.context.identity().name(),
					this.context.identity().version(), EdgeProperties.CAPABILITIES, compression));
			if (compression != null) {
				this.link.compress(compression);
			}
			if (!this.link.advance(LinkState.GREETING, LinkState.CONTROL)) {
				// The handshake deadline passed meanwhile; the link is cut.
				return;
			}
			routed.run();
			AgentSession replaced = this.context.sessions().register(this);
			if (replaced != null) {
				replaced.close("replaced by a new connection of the same node", true);
			}
			logger.info("Node {} connected from {} (tentacle {}, {} {})", name, remoteAddress(), hello.agentVersion(),
					hello.os(), hello.arch());
			this.link.socket().setSoTimeout((int) this.pace.offlineAfter().toMillis());
			this.context.listener().connected(this);
			readLoop(name);
		}
		finally {
			this.context.sessions().unregister(this);
			recordDisconnect(name);
		}
	}

	private void readLoop(String name) throws IOException {
		InputStream in = this.link.input();
		while (this.link.state() == LinkState.CONTROL) {
			AgentMessage message;
			try {
				message = this.link.codec().read(in, AgentMessage.class);
			}
			catch (UnknownMessageException ex) {
				// A newer tentacle's frame; the connection stays in step without it.
				logger.warn("Ignoring a frame of node {}: {}", name, ex.getMessage());
				continue;
			}
			Instant receivedAt = this.context.clock().instant();
			switch (message) {
				case Heartbeat heartbeat -> {
					this.context.metrics().heartbeat(heartbeat.rttMicros());
					onHeartbeat(name, heartbeat, receivedAt);
				}
				case CommandStarted started -> this.context.listener().started(this, started);
				case CommandOutput output -> this.context.listener().output(this, output);
				case CommandResult result -> onResult(result);
				case Facts facts -> onFacts(name, facts, receivedAt);
				case RenewCertificate renew -> send(this.context.certificates().renew(name, renew.csrPem()));
				case Hello hello -> throw new ProtocolException("hello sent twice");
				case DataOpen open -> throw new ProtocolException("data-open belongs on a data connection");
				case TunnelAttach attach -> throw new ProtocolException("tunnel-attach belongs on a data connection");
				case RelayOpen relay -> throw new ProtocolException("relay-open belongs on a connection of its own");
			}
		}
	}

	private void onHeartbeat(String name, Heartbeat heartbeat, Instant receivedAt) throws IOException {
		try {
			this.context.presence().heartbeat(name, this.sessionId, heartbeat, this.pace, receivedAt);
		}
		catch (DataAccessException ex) {
			// The link is fine; only the registry is behind. Keep the node connected.
			logger.warn("Cannot record heartbeat of {}: {}", name, ex.getMessage());
		}
		if (this.answers.answer(this.pace.intervalMillis(), receivedAt)) {
			send(new HeartbeatAck(heartbeat.seq(), heartbeat.sentAtMillis(), receivedAt.toEpochMilli(),
					this.context.clock().millis(), this.pace.intervalMillis()));
		}
	}

	private void onFacts(String name, Facts facts, Instant receivedAt) {
		try {
			this.context.presence().facts(name, facts, receivedAt);
		}
		catch (DataAccessException ex) {
			// The node sends them again when they change or it reconnects.
			logger.warn("Cannot record facts of {}: {}", name, ex.getMessage());
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Ignoring facts of {}: {}", name, ex.getMessage());
		}
	}

	private void onResult(CommandResult result) throws IOException {
		try {
			this.context.listener().result(this, result);
		}
		catch (RuntimeException ex) {
			// Not stored, so not acknowledged: the
			// node keeps the result in its journal and
			// sends it again once it has reconnected,
			// which closing the link brings about.
			logger.warn("Cannot store result of command {} from {}: {}", result.commandId(), nodeName(),
					ex.getMessage());
			close("the brain cannot store results right now; reconnect and send them again", true);
			return;
		}
		send(new ResultAck(result.commandId()));
	}

	/**
	 * Sends a frame to the node. Safe to call from any thread.
	 * @param message the frame
	 * @throws IOException if the connection is broken; it is then closing
	 */
	public void send(BrainMessage message) throws IOException {
		this.link.send(message);
	}

	/**
	 * Sends a frame encoded once for many nodes ({@link FrameCodec#encode}). Safe to call
	 * from any thread.
	 * @param frame the frame
	 * @throws IOException if the connection is broken; it is then closing
	 */
	public void sendEncoded(byte[] frame) throws IOException {
		this.link.sendEncoded(frame);
	}

	/**
	 * Closes the connection, telling the tentacle why first.
	 * @param reason what the tentacle logs
	 * @param retry whether it should redial
	 */
	void close(String reason, boolean retry) {
		this.link.close(reason, retry);
	}

	private void recordDisconnect(String name) {
		try {
			this.context.presence().disconnected(name, this.sessionId, this.context.clock().instant());
		}
		catch (RuntimeException ex) {
			// Redis down, or already closed during shutdown: the node will show
			// offline anyway once its last-seen time is older than offline-after.
			logger.warn("Cannot record disconnect of {}: {}", name, ex.getMessage());
		}
	}

}
