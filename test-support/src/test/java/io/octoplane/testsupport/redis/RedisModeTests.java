package io.octoplane.testsupport.redis;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RedisModeTests {

	private static final BooleanSupplier DOCKER = () -> true;

	private static final BooleanSupplier NO_DOCKER = () -> false;

	@Test
	void parse_unsetOrBlank_isAuto() {
		assertThat(RedisMode.parse(null)).isEqualTo(RedisMode.AUTO);
		assertThat(RedisMode.parse(" ")).isEqualTo(RedisMode.AUTO);
	}

	@Test
	void parse_anyCase_withSpaces() {
		assertThat(RedisMode.parse("container")).isEqualTo(RedisMode.CONTAINER);
		assertThat(RedisMode.parse(" PROCESS ")).isEqualTo(RedisMode.PROCESS);
		assertThat(RedisMode.parse("Auto")).isEqualTo(RedisMode.AUTO);
	}

	@Test
	void parse_unknown_listsTheModes() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedisMode.parse("docker"))
			.withMessage("-Doctoplane.test.redis=docker is not a Redis test mode; use container, process, auto");
	}

	@Test
	void resolve_autoWithDocker_isContainer() {
		assertThat(RedisMode.AUTO.resolve(DOCKER)).isEqualTo(RedisMode.CONTAINER);
	}

	@Test
	void resolve_autoWithoutDocker_isProcess() {
		assertThat(RedisMode.AUTO.resolve(NO_DOCKER)).isEqualTo(RedisMode.PROCESS);
	}

	@Test
	void resolve_process_neverAsksForDocker() {
		AtomicInteger asked = new AtomicInteger();
		assertThat(RedisMode.PROCESS.resolve(() -> asked.incrementAndGet() > 0)).isEqualTo(RedisMode.PROCESS);
		assertThat(asked).hasValue(0);
	}

	@Test
	void resolve_containerWithDocker_isContainer() {
		assertThat(RedisMode.CONTAINER.resolve(DOCKER)).isEqualTo(RedisMode.CONTAINER);
	}

	@Test
	void resolve_containerWithoutDocker_failsAtOnce() {
		assertThatIllegalStateException().isThrownBy(() -> RedisMode.CONTAINER.resolve(NO_DOCKER))
			.withMessageContaining("no Docker engine answers")
			.withMessageContaining("-Doctoplane.test.redis=process");
	}

	@Test
	void select_propertyWinsOverEnvironment() {
		assertThat(RedisMode.select("process", Map.of(RedisMode.ENVIRONMENT, "container"), DOCKER))
			.isEqualTo(RedisMode.PROCESS);
	}

	@Test
	void select_environmentWhenNoProperty() {
		assertThat(RedisMode.select(null, Map.of(RedisMode.ENVIRONMENT, "process"), DOCKER))
			.isEqualTo(RedisMode.PROCESS);
	}

	@Test
	void select_nothingSet_isAuto() {
		assertThat(RedisMode.select(null, Map.of(), NO_DOCKER)).isEqualTo(RedisMode.PROCESS);
		assertThat(RedisMode.select(null, Map.of(), DOCKER)).isEqualTo(RedisMode.CONTAINER);
	}

	@Test
	void describe_saysWhereAndWhy() {
		assertThat(RedisMode.PROCESS.describe(RedisMode.AUTO)).isEqualTo(
				"Redis for tests: local redis-server processes (-Doctoplane.test.redis=auto, no Docker engine found)");
		assertThat(RedisMode.CONTAINER.describe(RedisMode.AUTO)).isEqualTo(
				"Redis for tests: containers of redis:7.4.6 (-Doctoplane.test.redis=auto, a Docker engine answers)");
		assertThat(RedisMode.PROCESS.describe(RedisMode.PROCESS))
			.isEqualTo("Redis for tests: local redis-server processes (-Doctoplane.test.redis=process, asked for)");
	}

}
