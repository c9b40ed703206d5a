package io.octoplane.brain.enroll;

import java.security.cert.X509Certificate;
import java.util.Optional;

import io.octoplane.brain.node.NodeService;
import io.octoplane.brain.token.TokenGrant;
import io.octoplane.brain.token.TokenService;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.certs.IssueRequest;
import io.octoplane.certs.PemFiles;
import io.octoplane.protocol.api.EnrollRequest;
import io.octoplane.protocol.api.EnrollResponse;
import io.octoplane.server.redis.RedisKeys;
import io.octoplane.server.web.ConflictException;
import io.octoplane.server.web.InvalidRequestException;
import io.octoplane.server.web.UnauthenticatedException;
import io.octoplane.server.web.UnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

/**
 * Turns a join token and a signing request into a node certificate. A name that is
 * registered, or was enrolled before and not revoked since ({@link EnrolledNames}), is
 * refused: a join token must never let its holder take over an existing node's identity.
 */
@Service
class EnrollService {

	private static final Logger logger = LoggerFactory.getLogger(EnrollService.class);

	static final String ENROLLED = RedisKeys.PREFIX + "enrolled";

	private final FleetCa ca;

	private final TokenService tokens;

	private final NodeService nodes;

	private final WorkgroupService workgroups;

	private final StringRedisTemplate redis;

	EnrollService(FleetCa ca, TokenService tokens, NodeService nodes, WorkgroupService workgroups,
			StringRedisTemplate redis) {
		this.ca = ca;
		this.tokens = tokens;
		this.nodes = nodes;
		this.workgroups = workgroups;
		this.redis = redis;
	}

	EnrollResponse enroll(EnrollRequest request) {
		String name = request.nodeName();
		if (!IssueRequest.isValidName(name)) {
			throw new InvalidRequestException("'" + name + "' is not a valid node name");
		}
		if (!this.ca.isConfigured()) {
			throw new UnavailableException("enrollment is not configured on this brain (octoplane.ca.*)");
		}
		if (this.nodes.names().contains(name) || Boolean.TRUE.equals(this.redis.opsForSet().isMember(ENROLLED, name))) {
			throw new ConflictException("node " + name + " is already enrolled");
		}
		Optional<TokenGrant> grant = this.tokens.consumeJoinToken(request.token());
		if (grant.isEmpty()) {
			throw new UnauthenticatedException("the join token is unknown, expired or used up");
		}
		X509Certificate certificate;
		try {
			certificate = this.ca.sign(name, request.csrPem());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("bad certificate signing request: " + ex.getMessage());
		}
		Long added = this.redis.opsForSet().add(ENROLLED, name);
		if (added == null || added == 0) {
			throw new ConflictException("node " + name + " is already enrolled");
		}
		String workgroup = grant.get().workgroup();
		if (!WorkgroupService.ROOT.equals(workgroup)) {
			this.workgroups.enroll(workgroup, name);
		}
		logger.info("Enrolled node {} into {} with join token {} (certificate serial {})", name, workgroup,
				grant.get().id(), certificate.getSerialNumber().toString(16));
		return new EnrollResponse(PemFiles.toPem(certificate), this.ca.caPem());
	}

}
