package io.octoplane.brain.token;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.octoplane.brain.redis.RedisTemplateExtension;
import io.octoplane.brain.security.Caller;
import io.octoplane.brain.workgroup.WorkgroupDeletedEvent;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.api.TokenRequest;
import io.octoplane.protocol.api.TokenResponse;
import io.octoplane.server.web.ConflictException;
import io.octoplane.server.web.InvalidRequestException;
import io.octoplane.server.web.NotFoundException;
import io.octoplane.testsupport.clock.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class TokenServiceTests {

	@RegisterExtension
	static final RedisTemplateExtension redisServer = new RedisTemplateExtension();

	private static final Caller ROOT = new Caller("alice", "/", "/", Caller.Kind.CERTIFICATE, "127.0.0.1");

	private static final Caller LAB = new Caller("password:/lab", "/lab", "/lab", Caller.Kind.PASSWORD, "127.0.0.1");

	private static StringRedisTemplate redis;

	private final MutableClock clock = new MutableClock();

	private final WorkgroupService workgroups = mock(WorkgroupService.class);

	private final TokenService service = new TokenService(new TokenRepository(redis), this.workgroups,
			new TokenProperties(Duration.ofDays(30), 1000, 5), this.clock);

	@BeforeAll
	static void connect() {
		redis = redisServer.template();
	}

	@BeforeEach
	void emptyRedis() {
		redisServer.flush();
		given(this.workgroups.subtree("/")).willReturn(List.of("/", "/lab", "/lab/pis"));
		given(this.workgroups.subtree("/lab")).willReturn(List.of("/lab", "/lab/pis"));
	}

	@Test
	void operatorTokenAuthenticatesInItsWorkgroup() {
		TokenResponse created = this.service.create(operator(600), LAB);
		assertThat(created.token()).startsWith("opt_").hasSize(4 + 43);
		assertThat(created.workgroup()).isEqualTo("/lab");
		assertThat(created.createdBy()).isEqualTo("password:/lab");
		assertThat(created.usesLeft()).isNull();
		assertThat(this.service.authenticate(created.token()))
			.contains(new TokenGrant(created.id(), "operator", "/lab"));
	}

	@Test
	void secretIsNeverStored() {
		TokenResponse operator = this.service.create(operator(600), ROOT);
		TokenResponse join = this.service.create(new TokenRequest("node", 600, 3, "rack 4"), ROOT);
		List<String> stored = everyStoredString();
		assertThat(stored).isNotEmpty()
			.noneMatch((value) -> value.contains(operator.token()) || value.contains(join.token()))
			.noneMatch((value) -> value.contains(operator.token().substring(4)));
		assertThat(stored).contains(TokenService.hash(operator.token()));
	}

	@Test
	void unknownOrMalformedSecretsAreRefused() {
		this.service.create(operator(600), ROOT);
		assertThat(this.service.authenticate("opt_nope")).isEmpty();
		assertThat(this.service.authenticate("")).isEmpty();
		assertThat(this.service.authenticate("Bearer opt_x")).isEmpty();
		assertThat(this.service.consumeJoinToken("opt_nope")).isEmpty();
	}

	@Test
	void tokenExpiresWithTheClock() {
		TokenResponse created = this.service.create(operator(60), ROOT);
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(this.service.authenticate(created.token())).isPresent();
		assertThat(this.service.list(ROOT)).extracting(TokenResponse::id).containsExactly(created.id());
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.service.authenticate(created.token())).isEmpty();
		assertThat(this.service.list(ROOT)).isEmpty();
	}

	@Test
	void redisForgetsTheTokenWhenItExpires() {
		TokenResponse created = this.service.create(operator(600), ROOT);
		Long ttl = redis.getExpire("octoplane:token:{" + TokenService.hash(created.token()) + "}");
		assertThat(ttl).isPositive().isLessThanOrEqualTo(600);
	}

	@Test
	void joinTokenIsNotAnApiTokenAndViceVersa() {
		TokenResponse join = this.service.create(new TokenRequest("node", 600, null, null), ROOT);
		TokenResponse operator = this.service.create(operator(600), ROOT);
		assertThat(join.usesLeft()).isEqualTo(1);
		assertThat(this.service.authenticate(join.token())).isEmpty();
		assertThat(this.service.consumeJoinToken(operator.token())).isEmpty();
	}

	@Test
	void joinTokenCountsItsUses() {
		TokenResponse join = this.service.create(new TokenRequest("node", 600, 2, null), LAB);
		assertThat(this.service.consumeJoinToken(join.token())).contains(new TokenGrant(join.id(), "node", "/lab"));
		assertThat(this.service.list(LAB)).singleElement()
			.satisfies((token) -> assertThat(token.usesLeft()).isEqualTo(1));
		assertThat(this.service.consumeJoinToken(join.token())).isPresent();
		assertThat(this.service.consumeJoinToken(join.token())).isEmpty();
		assertThat(this.service.list(LAB)).singleElement().satisfies((token) -> assertThat(token.usesLeft()).isZero());
	}

	@Test
	void joinTokenExpiresWithTheClock() {
		TokenResponse join = this.service.create(new TokenRequest("node", 60, 5, null), ROOT);
		this.clock.advance(Duration.ofSeconds(60));
		assertThat(this.service.consumeJoinToken(join.token())).isEmpty();
	}

	@Test
	void concurrentEnrollmentsNeverShareTheLastUse() throws Exception {
		TokenResponse join = this.service.create(new TokenRequest("node", 600, 5, null), ROOT);
		List<Future<Optional<TokenGrant>>> attempts = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			for (int i = 0; i < 40; i++) {
				attempts.add(pool.submit(() -> this.service.consumeJoinToken(join.token())));
			}
		}
		int granted = 0;
		for (Future<Optional<TokenGrant>> attempt : attempts) {
			granted += attempt.get().isPresent() ? 1 : 0;
		}
		assertThat(granted).isEqualTo(5);
	}

	@Test
	void requestsOutOfRangeAreInvalid() {
		for (TokenRequest request : List.of(new TokenRequest("admin", 600, null, null), operator(0),
				operator(Duration.ofDays(31).toSeconds()), new TokenRequest("node", 600, 0, null),
				new TokenRequest("node", 600, 1001, null), new TokenRequest("operator", 600, 3, null),
				new TokenRequest("operator", 600, null, "x".repeat(201)))) {
			assertThatExceptionOfType(InvalidRequestException.class).as(request.toString())
				.isThrownBy(() -> this.service.create(request, ROOT));
		}
		assertThat(everyStoredString()).isEmpty();
	}

	@Test
	void aWorkgroupHoldsABoundedNumberOfTokens() {
		for (int i = 0; i < 5; i++) {
			this.service.create(operator(60), LAB);
		}
		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> this.service.create(operator(60), LAB));
		this.service.create(operator(60), ROOT);
		this.clock.advance(Duration.ofSeconds(60));
		this.service.create(operator(60), LAB);
	}

	@Test
	void tokenMadeByATokenEndsNoLaterThanItsMaker() {
		TokenResponse maker = this.service.create(operator(600), LAB);
		Caller script = new Caller("token:" + maker.id(), "/lab", "/lab", Caller.Kind.TOKEN, "127.0.0.1");
		TokenResponse made = this.service.create(new TokenRequest("node", 3600, 1, null), script);
		assertThat(made.expiresAt()).isEqualTo(maker.expiresAt());
		TokenResponse shorter = this.service.create(operator(60), script);
		assertThat(shorter.expiresAt()).isEqualTo(this.clock.instant().plusSeconds(60));
	}

	@Test
	void listShowsTheWorkgroupAndBelowWithoutSecrets() {
		TokenResponse root = this.service.create(operator(600), ROOT);
		TokenResponse lab = this.service.create(operator(600), LAB);
		TokenResponse pis = this.service.create(new TokenRequest("node", 600, 2, "pis"),
				new Caller("password:/lab/pis", "/lab/pis", "/lab/pis", Caller.Kind.PASSWORD, "127.0.0.1"));
		assertThat(this.service.list(ROOT)).extracting(TokenResponse::id)
			.containsExactly(root.id(), lab.id(), pis.id());
		List<TokenResponse> listed = this.service.list(LAB);
		assertThat(listed).extracting(TokenResponse::id).containsExactly(lab.id(), pis.id());
		assertThat(listed).extracting(TokenResponse::token).containsOnlyNulls();
		assertThat(listed.get(1).description()).isEqualTo("pis");
		assertThat(listed.get(1).usesLeft()).isEqualTo(2);
	}

	@Test
	void revokedTokenStopsWorking() {
		TokenResponse created = this.service.create(operator(600), LAB);
		this.service.revoke(created.id(), ROOT);
		assertThat(this.service.authenticate(created.token())).isEmpty();
		assertThat(this.service.list(ROOT)).isEmpty();
		assertThat(everyStoredString()).isEmpty();
	}

	@Test
	void tokenOfAnotherWorkgroupCannotBeRevokedAndLooksMissing() {
		TokenResponse created = this.service.create(operator(600), ROOT);
		NotFoundException foreign = catchThrowableOfType(NotFoundException.class,
				() -> this.service.revoke(created.id(), LAB));
		NotFoundException missing = catchThrowableOfType(NotFoundException.class,
				() -> this.service.revoke("0123456789abcdef", LAB));
		assertThat(foreign.code()).isEqualTo(missing.code());
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> this.service.revoke("../x", LAB));
		assertThat(this.service.authenticate(created.token())).isPresent();
	}

	@Test
	void deletingAWorkgroupRevokesItsTokens() {
		TokenResponse lab = this.service.create(operator(600), LAB);
		TokenResponse join = this.service.create(new TokenRequest("node", 600, 1, null), LAB);
		TokenResponse root = this.service.create(operator(600), ROOT);
		this.service.onWorkgroupDeleted(new WorkgroupDeletedEvent(List.of("/lab", "/lab/pis")));
		assertThat(this.service.authenticate(lab.token())).isEmpty();
		assertThat(this.service.consumeJoinToken(join.token())).isEmpty();
		assertThat(this.service.authenticate(root.token())).isPresent();
		assertThat(redis.keys("octoplane:tokens:{/lab}")).isEmpty();
	}

	private static TokenRequest operator(long ttlSeconds) {
		return new TokenRequest("operator", ttlSeconds, null, null);
	}

	/** Every key, field and value in Redis. */
	private static List<String> everyStoredString() {
		List<String> stored = new ArrayList<>();
		for (String key : redis.keys("*")) {
			stored.add(key);
			DataType type = redis.type(key);
			switch (type) {
				case STRING -> stored.add(redis.opsForValue().get(key));
				case HASH -> {
					for (Map.Entry<Object, Object> entry : redis.opsForHash().entries(key).entrySet()) {
						stored.add(entry.getKey().toString());
						stored.add(entry.getValue().toString());
					}
				}
				case ZSET -> stored.addAll(redis.opsForZSet().range(key, 0, -1));
				default -> throw new AssertionError("unexpected " + type + " at " + key);
			}
		}
		return stored;
	}

}
