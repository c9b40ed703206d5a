package io.octoplane.brain.tunnel;

import java.util.List;

import io.octoplane.brain.security.AuditTargets;
import io.octoplane.brain.security.Caller;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.TunnelRequest;
import io.octoplane.protocol.api.TunnelResponse;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Opens tunnels over REST; the bytes then flow over {@link TunnelSocketHandler}. */
@RestController
class TunnelController {

	private final TunnelBroker broker;

	TunnelController(TunnelBroker broker) {
		this.broker = broker;
	}

	/**
	 * Opens a tunnel through a node to a TCP service it can reach; the answer says where
	 * to connect.
	 * @param name the node
	 */
	@PostMapping(ApiPaths.NODE_TUNNELS)
	@ResponseStatus(HttpStatus.CREATED)
	TunnelResponse open(@PathVariable("name") String name, @RequestBody TunnelRequest request,
			HttpServletRequest http) {
		// The audit trail records which service was reached, not only the node.
		AuditTargets.set(http, List.of(name + " " + request.host() + ":" + request.port()));
		return this.broker.open(Caller.of(http), name, request);
	}

}
