package io.octoplane.protocol.agent;

import java.util.Objects;

/**
 * First frame of a gateway's uplink connection, sent under the gateway's own node
 * certificate: every byte after it on this connection is the TLS stream of one node
 * behind the gateway, which the brain terminates itself. The gateway only copies those
 * bytes, so it can neither read nor forge the node's frames; and since it is the
 * gateway's certificate that opens the relay, the brain knows which gateway a node is
 * behind without taking the node's or the gateway's word for it. Gateways stack: a relay
 * may carry another gateway's relay.
 *
 * @param peerAddress the address the node connected to the gateway from,
 * {@code host:port} (informational, shown as the node's address)
 */
public record RelayOpen(String peerAddress) implements AgentMessage {

	public RelayOpen {
		Objects.requireNonNull(peerAddress, "peerAddress must not be null");
	}

}
