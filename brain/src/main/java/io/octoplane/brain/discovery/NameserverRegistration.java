package io.octoplane.brain.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.octoplane.brain.agent.AgentServer;
import io.octoplane.brain.config.BrainIdentity;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.NameRegistration;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Registers this brain's agent address with the nameserver once the brain is ready, and
 * refreshes it every third of the TTL. A nameserver that is down only delays the entry:
 * the brain keeps trying and serves meanwhile, since tentacles that know the address
 * already do not need the nameserver. On shutdown the entry is removed, so tentacles do
 * not wait for the TTL to learn the brain is gone.
 */
@Component
class NameserverRegistration {

	private static final Logger logger = LoggerFactory.getLogger(NameserverRegistration.class);

	private final DiscoveryProperties properties;

	private final SslBundles sslBundles;

	private final AgentServer agentServer;

	private final BrainIdentity identity;

	private final JsonMapper json;

	private @Nullable ScheduledExecutorService scheduler;

	private @Nullable HttpClient client;

	private volatile boolean registered;

	NameserverRegistration(DiscoveryProperties properties, SslBundles sslBundles, AgentServer agentServer,
			BrainIdentity identity, JsonMapper json) {
		this.properties = properties;
		this.sslBundles = sslBundles;
		this.agentServer = agentServer;
		this.identity = identity;
		this.json = json;
	}

	@EventListener(ApplicationReadyEvent.class)
	synchronized void start() {
		if (this.properties.url().isBlank() || !this.agentServer.isRunning()) {
			return;
		}
		this.client = HttpClient.newBuilder()
			.sslContext(this.sslBundles.getBundle(this.properties.sslBundle()).createSslContext())
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		this.scheduler = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("nameserver-registration").daemon(true).factory());
		long period = this.properties.ttl().toMillis() / 3;
		this.scheduler.scheduleWithFixedDelay(this::register, 0, period, TimeUnit.MILLISECONDS);
	}

	@PreDestroy
	synchronized void stop() {
		ScheduledExecutorService scheduler = this.scheduler;
		HttpClient client = this.client;
		if (scheduler == null || client == null) {
			return;
		}
		scheduler.shutdownNow();
		if (this.registered) {
			try {
				client.send(request().DELETE().build(), HttpResponse.BodyHandlers.discarding());
			}
			catch (IOException ex) {
				logger.info("Could not remove entry '{}' from the nameserver: {}", this.properties.serviceName(),
						ex.getMessage());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		client.close();
	}

	private void register() {
		HttpClient client = this.client;
		if (client == null) {
			return;
		}
		String address = agentHost() + ":" + this.agentServer.port();
		NameRegistration registration = new NameRegistration("brain", List.of(address), Map.of("api",
				this.identity.info().addr(), "name", this.identity.name(), "version", this.identity.version()),
				this.properties.ttl().toSeconds());
		try {
			HttpResponse<String> response = client.send(request().header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(registration)))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				logger.warn("Nameserver refused the registration of '{}': {} {}", this.properties.serviceName(),
						response.statusCode(), response.body());
				return;
			}
			if (!this.registered) {
				logger.info("Registered as '{}' at {} with agent address {}", this.properties.serviceName(),
						this.properties.url(), address);
			}
			this.registered = true;
		}
		catch (IOException ex) {
			// Logged at info: a nameserver that is down is normal during start-up.
			logger.info("Nameserver {} not reachable, will retry: {}", this.properties.url(),
					(ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private HttpRequest.Builder request() {
		String base = this.properties.url().replaceAll("/+$", "");
		return HttpRequest.newBuilder(URI.create(base + ApiPaths.NAME.replace("{name}", this.properties.serviceName())))
			.timeout(Duration.ofSeconds(10));
	}

	private String agentHost() {
		if (!this.properties.advertisedAgentHost().isBlank()) {
			return this.properties.advertisedAgentHost();
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

}
