package io.octoplane.brain.revocation;

import java.math.BigInteger;
import java.util.List;

import io.octoplane.brain.agent.AgentSessions;
import io.octoplane.brain.enroll.EnrolledNames;
import io.octoplane.brain.node.NodeRecord;
import io.octoplane.brain.node.NodeService;
import io.octoplane.brain.security.AuditTargets;
import io.octoplane.brain.security.Caller;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.server.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	private static final Logger logger = LoggerFactory.getLogger(RevocationController.class);

	private final NodeService nodes;

	private final WorkgroupService workgroups;

	private final RevocationRepository revocations;

	private final AgentSessions sessions;

	private final EnrolledNames enrolledNames;

	RevocationController(NodeService nodes, WorkgroupService workgroups, RevocationRepository revocations,
			AgentSessions sessions, EnrolledNames enrolledNames) {
		this.nodes = nodes;
		this.workgroups = workgroups;
		this.revocations = revocations;
		this.sessions = sessions;
		this.enrolledNames = enrolledNames;
	}

	/**
	 * Revokes a node's certificate: its connection is closed and it cannot connect again
	 * until it enrolls anew.
	 * @param name the node
	 */
	@PostMapping(ApiPaths.NODE_REVOKE)
	ResponseEntity<Void> revoke(@PathVariable String name, HttpServletRequest http) {
		AuditTargets.set(http, List.of(name));
		String workgroup = Caller.of(http).workgroup();
		NodeRecord node = this.nodes.find(name, this.workgroups.visibleNodes(workgroup))
			.orElseThrow(() -> new NotFoundException(ErrorCode.NODE_NOT_FOUND, "no such node: " + name));
		if (node.certificateSerial().isEmpty()) {
			throw new NotFoundException(ErrorCode.NODE_NOT_FOUND,
					"node " + name + " never connected, so its certificate is not known here");
		}
		this.revocations.revoke(new BigInteger(node.certificateSerial(), 16));
		this.enrolledNames.release(name);
		this.sessions.closeForGood(name, "this node's certificate was revoked");
		logger.info("Node {} revoked by {} (certificate serial {})", name, Caller.of(http).name(),
				node.certificateSerial());
		return ResponseEntity.noContent().build();
	}

}
