package io.octoplane.protocol.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An opened tunnel: the node reached the service and waits for the operator to attach at
 * {@link io.octoplane.protocol.ApiPaths#TUNNEL} before {@code attachBy}; after that the
 * brain closes it.
 *
 * @param id the tunnel's one-time id, valid only for the caller that opened it
 * @param node the node
 * @param host the service host, as the node resolved it
 * @param port the service port
 * @param attachBy the deadline to attach
 */
public record TunnelResponse(String id, String node, String host, int port,
		@JsonProperty("attach_by") Instant attachBy) {

}
