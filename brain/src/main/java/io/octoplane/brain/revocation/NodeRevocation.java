package io.octoplane.brain.revocation;

import java.math.BigInteger;

import io.octoplane.brain.agent.AgentSessions;
import io.octoplane.brain.enroll.EnrolledNames;
import io.octoplane.brain.node.NodeRecord;
import io.octoplane.brain.node.NodeService;
import io.octoplane.brain.security.Caller;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.server.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Revokes a node: its certificate is refused from now on, its connection to this brain is
 * cut at once, and its name is given back to enrollment. The one path the REST API and
 * the console both take.
 */
@Service
public class NodeRevocation {

	private static final Logger logger = LoggerFactory.getLogger(NodeRevocation.class);

	private final NodeService nodes;

	private final WorkgroupService workgroups;

	private final RevocationRepository revocations;

	private final AgentSessions sessions;

	private final EnrolledNames enrolledNames;

	NodeRevocation(NodeService nodes, WorkgroupService workgroups, RevocationRepository revocations,
			AgentSessions sessions, EnrolledNames enrolledNames) {
		this.nodes = nodes;
		this.workgroups = workgroups;
		this.revocations = revocations;
		this.sessions = sessions;
		this.enrolledNames = enrolledNames;
	}

	/**
	 * Revokes a node of the caller's workgroup.
	 * @param name the node
	 * @param caller who asks
	 * @throws NotFoundException if the node is unknown, not visible, or never connected
	 */
	public void revoke(String name, Caller caller) {
		NodeRecord node = this.nodes.find(name, this.workgroups.visibleNodes(caller.workgroup()))
			.orElseThrow(() -> new NotFoundException(ErrorCode.NODE_NOT_FOUND, "no such node: " + name));
		if (node.certificateSerial().isEmpty()) {
			throw new NotFoundException(ErrorCode.NODE_NOT_FOUND,
					"node " + name + " never connected, so its certificate is not known here");
		}
		this.revocations.revoke(new BigInteger(node.certificateSerial(), 16));
		this.enrolledNames.release(name);
		this.sessions.closeForGood(name, "this node's certificate was revoked");
		logger.info("Node {} revoked by {} (certificate serial {})", name, caller.name(), node.certificateSerial());
	}

}
