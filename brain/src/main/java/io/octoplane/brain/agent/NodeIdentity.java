package io.octoplane.brain.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Who is on the other end of a connection, as its certificate says, and which gateways
 * relayed the connection, as their own certificates said when they opened the relay.
 *
 * @param name the node's name, the CN of its certificate
 * @param certificateSerial hex serial of that certificate
 * @param via the gateways the connection came through, the one the brain accepted first
 * (nearest the brain) first; empty for a node that dialled the brain itself
 * @param revocationsChecked where the revocations stood just before the handshake found
 * the certificates on this path not revoked; {@link RevocationMark#NEVER} when unknown
 */
record NodeIdentity(String name, String certificateSerial, List<NodeIdentity> via, RevocationMark revocationsChecked) {

	NodeIdentity {
		via = List.copyOf(via);
	}

	NodeIdentity(String name, String certificateSerial, List<NodeIdentity> via) {
		this(name, certificateSerial, via, RevocationMark.NEVER);
	}

	NodeIdentity(String name, String certificateSerial) {
		this(name, certificateSerial, List.of());
	}

	/**
	 * The same node reached through a chain of gateways.
	 * @param gateways the gateways, nearest the brain first
	 * @return the identity with that chain
	 */
	NodeIdentity behind(List<NodeIdentity> gateways) {
		// The gateways were checked at their own handshakes, perhaps at an older mark:
		// a relayed node is checked again by the next sweep.
		return new NodeIdentity(this.name, this.certificateSerial, gateways,
				gateways.isEmpty() ? this.revocationsChecked : RevocationMark.NEVER);
	}

	/**
	 * The chain a node behind this one (if this one relays) comes through.
	 * @return the gateways of this connection and this node
	 */
	List<NodeIdentity> chain() {
		List<NodeIdentity> chain = new ArrayList<>(this.via);
		chain.add(new NodeIdentity(this.name, this.certificateSerial));
		return chain;
	}

	/**
	 * The gateways as shown to operators: names from the brain outwards, separated by
	 * {@code /}; empty when direct.
	 */
	String gatewayPath() {
		return this.via.stream().map(NodeIdentity::name).collect(Collectors.joining("/"));
	}

	/** Whether a gateway of this name is on the chain. */
	boolean relayedBy(String node) {
		return this.via.stream().anyMatch((gateway) -> gateway.name().equals(node));
	}

}
