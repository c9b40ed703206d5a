package io.octoplane.brain.file;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import io.octoplane.server.redis.RedisKeys;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Repository;

/**
 * One-time tokens that bind a data connection to the file job that asked for it
 * ({@code octoplane:transfer:{token}}): which way the bytes go, which blob, which
 * workgroup, and for each node allowed to use it whether it has already. A node can
 * complete one transfer per token; any other node, a replay after completion or an
 * expired token is refused. Tokens live as long as the job can. A fetch counts as
 * complete once the node closed the connection after the last byte, not once the brain
 * wrote it, so a node cut off while the end was still on its way resumes with the same
 * token.
 */
@Repository
class TransferTokens {

	private static final String OPEN = "open";

	private static final String DONE = "done";

	private final StringRedisTemplate redis;

	private final SecureRandom random = new SecureRandom();

	TransferTokens(StringRedisTemplate redis) {
		this.redis = redis;
	}

	String issue(Direction direction, String sha256, String workgroup, Collection<String> nodes, Duration ttl) {
		byte[] bytes = new byte[24];
		this.random.nextBytes(bytes);
		String token = HexFormat.of().formatHex(bytes);
		Map<String, String> fields = new HashMap<>();
		fields.put("direction", direction.name());
		fields.put("sha256", sha256);
		fields.put("workgroup", workgroup);
		nodes.forEach((node) -> fields.put("node:" + node, OPEN));
		this.redis.opsForHash().putAll(key(token), fields);
		this.redis.expire(key(token), ttl);
		return token;
	}

	/**
	 * The transfer a token allows a node, if it still does.
	 * @param token the token
	 * @param node the node presenting it
	 * @return the transfer, or empty if the token is unknown, expired, used or not the
	 * node's
	 */
	Optional<Transfer> find(String token, String node) {
		if (!token.matches("[0-9a-f]{48}")) {
			return Optional.empty();
		}
		Map<Object, Object> fields = this.redis.opsForHash().entries(key(token));
		if (!OPEN.equals(fields.get("node:" + node))) {
			return Optional.empty();
		}
		return Optional.of(new Transfer(Direction.valueOf((String) fields.get("direction")),
				(String) fields.get("sha256"), (String) fields.get("workgroup")));
	}

	void used(String token, String node) {
		this.redis.opsForHash().put(key(token), "node:" + node, DONE);
	}

	private static String key(String token) {
		return RedisKeys.PREFIX + "transfer:{" + token + "}";
	}

	/** Which way the bytes go. */
	enum Direction {

		/** From the brain's store to the node. */
		TO_NODE,

		/** From the node into the brain's store. */
		FROM_NODE

	}

	/**
	 * What a token allows.
	 *
	 * @param direction which way
	 * @param sha256 the blob, for {@link Direction#TO_NODE}; empty otherwise
	 * @param workgroup the workgroup of the job
	 */
	record Transfer(Direction direction, String sha256, String workgroup) {

	}

}
