package io.octoplane.brain.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import java.util.Set;

import io.octoplane.brain.security.Caller;
import io.octoplane.brain.web.InvalidRequestException;
import io.octoplane.brain.web.NotFoundException;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.TokenRequest;
import io.octoplane.protocol.api.TokenResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Service;

/**
 * Creates, checks and revokes tokens. Keys: {@code octoplane:token:{<sha256>}} hash per
 * token (expiring with it), {@code octoplane:token-id:{<id>}} pointing at it, and
 * {@code octoplane:tokens} listing ids by creation time.
 */
@Service
public class TokenService {

	private static final String LIST = "octoplane:tokens";

	/**
	 * Takes one use of a join token if it is still valid; returns its workgroup and id.
	 */
	private static final RedisScript<List> CONSUME = RedisScript.of("""
			local t = redis.call('HMGET', KEYS[1], 'role', 'expiresAt', 'usesLeft', 'workgroup', 'id')
			if t[1] ~= 'node' or tonumber(t[2] or '0') <= tonumber(ARGV[1]) or tonumber(t[3] or '0') <= 0 then
			  return {}
			end
			redis.call('HINCRBY', KEYS[1], 'usesLeft', -1)
			return {t[4], t[5]}
			""", List.class);

	private final StringRedisTemplate redis;

	private final TokenProperties properties;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	TokenService(StringRedisTemplate redis, TokenProperties properties, Clock clock) {
		this.redis = redis;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Checks an operator API token.
	 * @param secret the bearer token
	 * @return what it allows, or empty if it is unknown, expired, revoked or a join token
	 */
	public Optional<TokenGrant> authenticate(String secret) {
		Map<Object, Object> token = this.redis.opsForHash().entries(key(hash(secret)));
		if (token.isEmpty() || !"operator".equals(token.get("role")) || expired(token)) {
			return Optional.empty();
		}
		return Optional.of(new TokenGrant(token.get("id").toString(), "operator", token.get("workgroup").toString()));
	}

	/**
	 * Uses a join token once.
	 * @param secret the join token
	 * @return its grant, or empty if it is unknown, expired, used up or not a join token
	 */
	@SuppressWarnings("unchecked")
	public Optional<TokenGrant> consumeJoinToken(String secret) {
		List<Object> result = this.redis.execute(CONSUME, List.of(key(hash(secret))),
				Long.toString(this.clock.millis()));
		if (result == null || result.size() < 2) {
			return Optional.empty();
		}
		return Optional.of(new TokenGrant(result.get(1).toString(), "node", result.get(0).toString()));
	}

	TokenResponse create(TokenRequest request, Caller caller) {
		if (!"operator".equals(request.role()) && !"node".equals(request.role())) {
			throw new InvalidRequestException("role must be operator or node, not '" + request.role() + "'");
		}
		if (request.ttlSeconds() < 1 || request.ttlSeconds() > this.properties.maxTtl().toSeconds()) {
			throw new InvalidRequestException("ttl_seconds must be between 1 and "
					+ this.properties.maxTtl().toSeconds() + ", got " + request.ttlSeconds());
		}
		Integer uses = null;
		if ("node".equals(request.role())) {
			uses = (request.uses() != null) ? request.uses() : 1;
			if (uses < 1 || uses > this.properties.maxUses()) {
				throw new InvalidRequestException("uses must be between 1 and " + this.properties.maxUses());
			}
		}
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String secret = "opt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		String id = HexFormat.of().formatHex(randomId());
		Instant expiresAt = this.clock.instant().plusSeconds(request.ttlSeconds());
		String hash = hash(secret);
		Map<String, String> fields = new HashMap<>();
		fields.put("id", id);
		fields.put("role", request.role());
		fields.put("workgroup", caller.workgroup());
		fields.put("expiresAt", Long.toString(expiresAt.toEpochMilli()));
		fields.put("createdBy", caller.name());
		fields.put("createdAt", Long.toString(this.clock.millis()));
		if (uses != null) {
			fields.put("usesLeft", uses.toString());
		}
		if (request.description() != null) {
			fields.put("description", request.description());
		}
		this.redis.opsForHash().putAll(key(hash), fields);
		this.redis.opsForValue().set(idKey(id), hash);
		// Redis forgets an expired token by itself; the check above does not rely on it.
		this.redis.expireAt(key(hash), expiresAt);
		this.redis.expireAt(idKey(id), expiresAt);
		this.redis.opsForZSet().add(LIST, id, this.clock.millis());
		return new TokenResponse(id, secret, request.role(), caller.workgroup(), expiresAt, uses, request.description(),
				caller.name());
	}

	List<TokenResponse> list(Caller caller) {
		Set<String> ids = this.redis.opsForZSet().reverseRange(LIST, 0, 999);
		List<TokenResponse> tokens = new ArrayList<>();
		if (ids == null) {
			return tokens;
		}
		for (String id : ids) {
			Optional<Map<Object, Object>> token = byId(id);
			if (token.isEmpty()) {
				this.redis.opsForZSet().remove(LIST, id);
				continue;
			}
			String workgroup = token.get().get("workgroup").toString();
			if (WorkgroupService.isSameOrBelow(workgroup, caller.workgroup()) && !expired(token.get())) {
				tokens.add(toResponse(token.get()));
			}
		}
		return tokens;
	}

	void revoke(String id, Caller caller) {
		Optional<Map<Object, Object>> token = byId(id);
		if (token.isEmpty()
				|| !WorkgroupService.isSameOrBelow(token.get().get("workgroup").toString(), caller.workgroup())) {
			throw new NotFoundException(ErrorCode.NOT_FOUND, "no such token: " + id);
		}
		String hash = this.redis.opsForValue().get(idKey(id));
		if (hash != null) {
			this.redis.delete(List.of(key(hash), idKey(id)));
		}
		this.redis.opsForZSet().remove(LIST, id);
	}

	private Optional<Map<Object, Object>> byId(String id) {
		if (!id.matches("[0-9a-f]{16}")) {
			return Optional.empty();
		}
		String hash = this.redis.opsForValue().get(idKey(id));
		if (hash == null) {
			return Optional.empty();
		}
		Map<Object, Object> token = this.redis.opsForHash().entries(key(hash));
		return token.isEmpty() ? Optional.empty() : Optional.of(token);
	}

	private boolean expired(Map<Object, Object> token) {
		Object expiresAt = token.get("expiresAt");
		return expiresAt == null || Long.parseLong(expiresAt.toString()) <= this.clock.millis();
	}

	private static TokenResponse toResponse(Map<Object, Object> token) {
		@Nullable Object uses = token.get("usesLeft");
		@Nullable Object description = token.get("description");
		return new TokenResponse(token.get("id").toString(), null, token.get("role").toString(),
				token.get("workgroup").toString(),
				Instant.ofEpochMilli(Long.parseLong(token.get("expiresAt").toString())),
				(uses != null) ? Integer.valueOf(uses.toString()) : null,
				(description != null) ? description.toString() : null, token.get("createdBy").toString());
	}

	private byte[] randomId() {
		byte[] id = new byte[8];
		this.random.nextBytes(id);
		return id;
	}

	private static String key(String hash) {
		return "octoplane:token:{" + hash + "}";
	}

	private static String idKey(String id) {
		return "octoplane:token-id:{" + id + "}";
	}

	static String hash(String secret) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
