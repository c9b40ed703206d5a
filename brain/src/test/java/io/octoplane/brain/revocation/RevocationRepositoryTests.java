package io.octoplane.brain.revocation;

import java.math.BigInteger;
import java.util.List;

import io.octoplane.brain.agent.RevocationMark;
import io.octoplane.brain.agent.RevokedCertificates;
import io.octoplane.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revocations against a real redis-server: the mark moves with every revocation, also one
 * made by a brain that keeps no generation, and a handshake's check reports the mark from
 * before its answer.
 */
class RevocationRepositoryTests {

	@RegisterExtension
	static final RedisServerExtension redisServer = new RedisServerExtension();

	private LettuceConnectionFactory connections;

	private StringRedisTemplate redis;

	private RevocationRepository revocations;

	@BeforeEach
	void connect() {
		this.connections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", redisServer.port()));
		this.connections.afterPropertiesSet();
		this.connections.start();
		this.redis = new StringRedisTemplate(this.connections);
		this.redis.execute((RedisCallback<Object>) (connection) -> {
			connection.serverCommands().flushAll();
			return null;
		});
		this.revocations = new RevocationRepository(this.redis);
	}

	@AfterEach
	void disconnect() {
		this.connections.destroy();
	}

	@Test
	void anEmptyStoreHasAMarkAndRevokesNothing() {
		RevokedCertificates.Check check = this.revocations.check(BigInteger.TEN);
		assertThat(check.revoked()).isFalse();
		assertThat(check.mark()).isEqualTo(new RevocationMark(0, 0)).isEqualTo(this.revocations.mark());
		assertThat(this.revocations.revokedAmong(List.of("a", "b"))).isEmpty();
	}

	@Test
	void aRevocationMovesTheMarkAndIsFound() {
		RevocationMark before = this.revocations.mark();
		this.revocations.revoke(BigInteger.valueOf(0xabc));
		RevokedCertificates.Check check = this.revocations.check(BigInteger.valueOf(0xabc));
		assertThat(check.revoked()).isTrue();
		assertThat(check.mark()).isNotEqualTo(before).isEqualTo(this.revocations.mark());
		assertThat(this.revocations.revokedAmong(List.of("abc", "abd"))).containsExactly("abc");
	}

	@Test
	void revokingTheSameCertificateAgainStillMovesTheMark() {
		this.revocations.revoke(BigInteger.ONE);
		RevocationMark once = this.revocations.mark();
		this.revocations.revoke(BigInteger.ONE);
		assertThat(this.revocations.mark()).isNotEqualTo(once);
	}

	@Test
	void aRevocationByABrainThatKeepsNoGenerationMovesTheMarkToo() {
		RevocationMark before = this.revocations.mark();
		this.redis.opsForSet().add(RevocationRepository.SERIALS, "def");
		assertThat(this.revocations.mark()).isNotEqualTo(before);
		assertThat(this.revocations.check(BigInteger.valueOf(0xdef)).revoked()).isTrue();
	}

}
