package io.octoplane.brain.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.octoplane.brain.security.Caller;
import io.octoplane.brain.workgroup.WorkgroupDeletedEvent;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.TokenRequest;
import io.octoplane.protocol.api.TokenResponse;
import io.octoplane.protocol.digest.Sha256;
import io.octoplane.server.web.ConflictException;
import io.octoplane.server.web.InvalidRequestException;
import io.octoplane.server.web.NotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Creates, checks and revokes tokens: operator API tokens for scripts and join tokens for
 * enrolling nodes. A secret is shown once, when it is made; only its SHA-256 is kept.
 */
@Service
public class TokenService {

	static final String PREFIX = "opt_";

	static final String OPERATOR = "operator";

	static final String NODE = "node";

	private static final int MAX_DESCRIPTION = 200;

	private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");

	private final TokenRepository repository;

	private final WorkgroupService workgroups;

	private final TokenProperties properties;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	TokenService(TokenRepository repository, WorkgroupService workgroups, TokenProperties properties, Clock clock) {
		this.repository = repository;
		this.workgroups = workgroups;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Checks an operator API token.
	 * @param secret the bearer token
	 * @return what it allows, or empty if it is unknown, expired, revoked or a join token
	 */
	public Optional<TokenGrant> authenticate(String secret) {
		if (!secret.startsWith(PREFIX)) {
			return Optional.empty();
		}
		Map<Object, Object> token = this.repository.findByHash(hash(secret));
		if (token.isEmpty() || !OPERATOR.equals(token.get("role")) || expired(token)) {
			return Optional.empty();
		}
		return Optional.of(new TokenGrant(field(token, "id"), OPERATOR, field(token, "workgroup")));
	}

	/**
	 * Uses a join token once.
	 * @param secret the join token
	 * @return its grant, or empty if it is unknown, expired, used up or not a join token
	 */
	public Optional<TokenGrant> consumeJoinToken(String secret) {
		if (!secret.startsWith(PREFIX)) {
			return Optional.empty();
		}
		List<?> result = this.repository.consume(hash(secret), this.clock.millis());
		if (result.size() < 2) {
			return Optional.empty();
		}
		return Optional.of(new TokenGrant(String.valueOf(result.get(1)), NODE, String.valueOf(result.get(0))));
	}

	TokenResponse create(TokenRequest request, Caller caller) {
		String role = request.role();
		if (!OPERATOR.equals(role) && !NODE.equals(role)) {
			throw new InvalidRequestException("role must be operator or node, not '" + role + "'");
		}
		long maxTtl = this.properties.maxTtl().toSeconds();
		if (request.ttlSeconds() < 1 || request.ttlSeconds() > maxTtl) {
			throw new InvalidRequestException(
					"ttl_seconds must be between 1 and " + maxTtl + ", got " + request.ttlSeconds());
		}
		Integer uses = null;
		if (NODE.equals(role)) {
			uses = (request.uses() != null) ? request.uses() : 1;
			if (uses < 1 || uses > this.properties.maxUses()) {
				throw new InvalidRequestException("uses must be between 1 and " + this.properties.maxUses());
			}
		}
		else if (request.uses() != null) {
			throw new InvalidRequestException("uses applies to node (join) tokens only");
		}
		String description = request.description();
		if (description != null && description.length() > MAX_DESCRIPTION) {
			throw new InvalidRequestException("description must have at most " + MAX_DESCRIPTION + " characters");
		}
		String workgroup = caller.workgroup();
		if (this.repository.ids(workgroup, this.clock.millis()).size() >= this.properties.maxPerWorkgroup()) {
			throw new ConflictException("workgroup " + workgroup + " already has " + this.properties.maxPerWorkgroup()
					+ " tokens; revoke some first");
		}
		Instant now = this.clock.instant();
		Instant expiresAt = notAfterCaller(now.plusSeconds(request.ttlSeconds()), caller);
		String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
		String id = HexFormat.of().formatHex(randomBytes(8));
		Map<String, String> fields = new HashMap<>();
		fields.put("id", id);
		fields.put("role", role);
		fields.put("workgroup", workgroup);
		fields.put("expiresAt", Long.toString(expiresAt.toEpochMilli()));
		fields.put("createdBy", caller.name());
		fields.put("createdAt", Long.toString(now.toEpochMilli()));
		if (uses != null) {
			fields.put("usesLeft", uses.toString());
		}
		if (description != null) {
			fields.put("description", description);
		}
		this.repository.save(hash(secret), fields, workgroup, now, expiresAt);
		return new TokenResponse(id, secret, role, workgroup, expiresAt, uses, description, caller.name());
	}

	/**
	 * A token made with a token ends no later than the one that made it, so a leaked
	 * short-lived token cannot be turned into a long-lived one.
	 */
	private Instant notAfterCaller(Instant expiresAt, Caller caller) {
		if (caller.kind() != Caller.Kind.TOKEN || !caller.name().startsWith("token:")) {
			return expiresAt;
		}
		Optional<Instant> limit = this.repository.findById(caller.name().substring("token:".length()))
			.map(TokenService::expiresAt);
		return limit.filter(expiresAt::isAfter).orElse(expiresAt);
	}

	List<TokenResponse> list(Caller caller) {
		long now = this.clock.millis();
		List<TokenResponse> tokens = new ArrayList<>();
		for (String workgroup : this.workgroups.subtree(caller.workgroup())) {
			for (String id : this.repository.ids(workgroup, now)) {
				this.repository.findById(id)
					.filter((token) -> !expired(token))
					.ifPresent((token) -> tokens.add(toResponse(token)));
			}
		}
		return tokens;
	}

	void revoke(String id, Caller caller) {
		Optional<Map<Object, Object>> token = ID.matcher(id).matches() ? this.repository.findById(id)
				: Optional.empty();
		// A token of another workgroup answers like a missing one, so ids do not leak.
		if (token.isEmpty() || !WorkgroupService.isSameOrBelow(field(token.get(), "workgroup"), caller.workgroup())) {
			throw new NotFoundException(ErrorCode.NOT_FOUND, "no such token: " + id);
		}
		this.repository.delete(id, field(token.get(), "workgroup"));
	}

	@EventListener
	void onWorkgroupDeleted(WorkgroupDeletedEvent event) {
		event.paths().forEach(this.repository::deleteAll);
	}

	private boolean expired(Map<Object, Object> token) {
		return !expiresAt(token).isAfter(this.clock.instant());
	}

	private static Instant expiresAt(Map<Object, Object> token) {
		Object expiresAt = token.get("expiresAt");
		return (expiresAt != null) ? Instant.ofEpochMilli(Long.parseLong(expiresAt.toString())) : Instant.EPOCH;
	}

	private static TokenResponse toResponse(Map<Object, Object> token) {
		@Nullable Object uses = token.get("usesLeft");
		@Nullable Object description = token.get("description");
		return new TokenResponse(field(token, "id"), null, field(token, "role"), field(token, "workgroup"),
				expiresAt(token), (uses != null) ? Integer.valueOf(uses.toString()) : null,
				(description != null) ? description.toString() : null, field(token, "createdBy"));
	}

	private static String field(Map<Object, Object> token, String name) {
		return String.valueOf(token.get(name));
	}

	private byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		this.random.nextBytes(bytes);
		return bytes;
	}

	static String hash(String secret) {
		return Sha256.of(secret);
	}

}
