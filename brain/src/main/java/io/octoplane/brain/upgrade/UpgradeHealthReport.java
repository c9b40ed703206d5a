package io.octoplane.brain.upgrade;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import io.octoplane.brain.agent.AgentServer;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The brain's side of the upgrade health check: when it runs under the launcher, it
 * writes {@code home/healthy} once it has started, Redis answers and its agent port
 * listens, which is what allows an operator to confirm a preview. A brain that never gets
 * there is rolled back by the launcher when the confirm timeout passes.
 */
@Component
class UpgradeHealthReport {

	private static final Logger logger = LoggerFactory.getLogger(UpgradeHealthReport.class);

	private static final Duration RETRY = Duration.ofSeconds(1);

	// Longer than any sensible confirm timeout: by then the launcher has rolled back.
	private static final int ATTEMPTS = 3600;

	private final BrainUpgradeService upgrades;

	private final StringRedisTemplate redis;

	private final AgentServer agentServer;

	private volatile @Nullable Thread reporter;

	UpgradeHealthReport(BrainUpgradeService upgrades, StringRedisTemplate redis, AgentServer agentServer) {
		this.upgrades = upgrades;
		this.redis = redis;
		this.agentServer = agentServer;
	}

	@EventListener(ApplicationReadyEvent.class)
	void ready() {
		Optional<LaunchedBrain> launched = this.upgrades.launched();
		if (launched.isPresent()) {
			this.reporter = Thread.ofVirtual().name("upgrade-health").start(() -> report(launched.get()));
		}
	}

	@PreDestroy
	void stop() {
		Thread thread = this.reporter;
		if (thread != null) {
			thread.interrupt();
		}
	}

	private void report(LaunchedBrain brain) {
		try {
			for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
				if (this.agentServer.isRunning() && redisAnswers()) {
					brain.home().markHealthy(brain.version());
					logger.info("Reported brain {} healthy to the upgrade launcher", brain.version());
					return;
				}
				Thread.sleep(RETRY);
			}
		}
		catch (IOException ex) {
			logger.warn("Cannot report health to the upgrade launcher in {}: {}", brain.home().root(), ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private boolean redisAnswers() {
		try {
			return "PONG".equalsIgnoreCase(this.redis.execute((RedisCallback<String>) RedisConnection::ping));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
