package io.octoplane.brain.revocation;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.octoplane.brain.agent.RevocationMark;
import io.octoplane.brain.agent.RevokedCertificates;
import io.octoplane.brain.redis.SetMembers;
import io.octoplane.server.redis.RedisKeys;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Repository;

/**
 * Serial numbers of revoked node certificates ({@code octoplane:revoked:serials}),
 * checked on every handshake of the agent port, by every brain, and a generation
 * ({@code octoplane:revoked:generation}) counting the revocations, so a brain sweeping
 * the sessions it holds learns in one small read whether anything was revoked since.
 */
@Repository
public class RevocationRepository implements RevokedCertificates {

	static final String SERIALS = RedisKeys.PREFIX + "revoked:serials";

	static final String GENERATION = RedisKeys.PREFIX + "revoked:generation";

	private static final byte[] SERIALS_KEY = SERIALS.getBytes(StandardCharsets.UTF_8);

	private static final byte[] GENERATION_KEY = GENERATION.getBytes(StandardCharsets.UTF_8);

	private final StringRedisTemplate redis;

	RevocationRepository(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/** Revokes a certificate. */
	public void revoke(BigInteger serial) {
		byte[] member = serial.toString(16).getBytes(StandardCharsets.UTF_8);
		// The count of serials moves with the set itself, read in the same place as
		// the membership; the generation moves even should serials one day be removed.
		this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			connection.setCommands().sAdd(SERIALS_KEY, member);
			connection.stringCommands().incr(GENERATION_KEY);
			return null;
		});
	}

	@Override
	public Set<String> revokedAmong(Collection<String> serials) {
		return SetMembers.among(this.redis, SERIALS, serials);
	}

	@Override
	public Check check(BigInteger serial) {
		byte[] member = serial.toString(16).getBytes(StandardCharsets.UTF_8);
		// Redis answers a pipeline in order: the mark is read before the membership.
		List<Object> answers = this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			connection.stringCommands().get(GENERATION_KEY);
			connection.setCommands().sCard(SERIALS_KEY);
			connection.setCommands().sIsMember(SERIALS_KEY, member);
			return null;
		});
		return new Check(Boolean.TRUE.equals(answers.get(2)), mark(answers.get(0), answers.get(1)));
	}

	@Override
	public RevocationMark mark() {
		List<Object> answers = this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			connection.stringCommands().get(GENERATION_KEY);
			connection.setCommands().sCard(SERIALS_KEY);
			return null;
		});
		return mark(answers.get(0), answers.get(1));
	}

	private static RevocationMark mark(@Nullable Object generation, @Nullable Object revoked) {
		long count = (revoked instanceof Number number) ? number.longValue() : 0;
		return new RevocationMark((generation != null) ? Long.parseLong(generation.toString()) : 0, count);
	}

}
