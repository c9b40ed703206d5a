package io.octoplane.brain.job;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.octoplane.brain.redis.RedisTemplateExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Redis of the test class's own, emptied before each test, on which a test starts
 * as many job cores ({@link JobCoreParts}) as it has brains; each is closed after the
 * test. Register it as a static field with {@code @RegisterExtension}.
 */
final class JobCores implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	private final RedisTemplateExtension redis = new RedisTemplateExtension();

	private final List<JobCoreParts> started = new ArrayList<>();

	/**
	 * The job core of one more brain on this Redis.
	 * @param clock the brain's clock
	 * @return its parts, closed after the test
	 */
	JobCoreParts start(Clock clock) {
		JobCoreParts parts = new JobCoreParts(this.redis.port(), clock);
		this.started.add(parts);
		return parts;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.redis.beforeAll(context);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.redis.flush();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.started.forEach(JobCoreParts::close);
		this.started.clear();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.redis.afterAll(context);
	}

}
