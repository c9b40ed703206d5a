package io.octoplane.brain.revocation;

import java.util.List;

import io.octoplane.brain.security.AuditTargets;
import io.octoplane.brain.security.Caller;
import io.octoplane.protocol.ApiPaths;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code octl node revoke}: the node's certificate is refused from now on, and its
 * connection to this brain is cut at once. The name is given back to enrollment: once
 * pruned, the node may enroll again with a new join token and a new key.
 */
@RestController
class RevocationController {

	private final NodeRevocation revocation;

	RevocationController(NodeRevocation revocation) {
		this.revocation = revocation;
	}

	/**
	 * Revokes a node's certificate: its connection is closed and it cannot connect again
	 * until it enrolls anew.
	 * @param name the node
	 */
	@PostMapping(ApiPaths.NODE_REVOKE)
	ResponseEntity<Void> revoke(@PathVariable String name, HttpServletRequest http) {
		AuditTargets.set(http, List.of(name));
		this.revocation.revoke(name, Caller.of(http));
		return ResponseEntity.noContent().build();
	}

}
