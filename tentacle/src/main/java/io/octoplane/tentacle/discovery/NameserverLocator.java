package io.octoplane.tentacle.discovery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.NameEntry;
import io.octoplane.tentacle.config.BrainAddress;
import io.octoplane.tentacle.config.Discovery;
import io.octoplane.tentacle.config.TentacleConfigException;
import io.octoplane.tentacle.connection.BrainLocator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds the brain by asking the nameserver over mutual TLS with the node's certificate,
 * and remembers the last address that worked in a file, so the tentacle keeps finding its
 * brain while the nameserver is down, also after a restart. The nameserver is asked only
 * when there is no remembered address or the remembered one just failed, which keeps
 * reconnect storms off it.
 */
public final class NameserverLocator implements BrainLocator {

	private static final Logger logger = LoggerFactory.getLogger(NameserverLocator.class);

	// Readers ignore fields added by newer nameservers.
	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final Discovery discovery;

	private final @Nullable BrainAddress configured;

	private final Duration timeout;

	private volatile @Nullable BrainAddress cached;

	private volatile boolean lastFailed;

	// Rotates through the fallbacks while the nameserver is down and they keep failing.
	private int fallbackTurn;

	/**
	 * Creates a locator and reads the cached address, if any.
	 * @param discovery the nameserver, service name and cache file
	 * @param configured the brain address from the configuration, used when neither the
	 * nameserver nor the cache can help; may be {@code null}
	 * @param timeout limit for each nameserver call
	 * @throws TentacleConfigException if the cache file exists but cannot be read
	 */
	public NameserverLocator(Discovery discovery, @Nullable BrainAddress configured, Duration timeout) {
		this.discovery = discovery;
		this.configured = configured;
		this.timeout = timeout;
		this.cached = readCache(discovery.cache());
	}

	/** The remembered address, or {@code null} when none worked yet. */
	public @Nullable BrainAddress cached() {
		return this.cached;
	}

	@Override
	public BrainAddress next(SSLContext context) throws IOException {
		BrainAddress remembered = this.cached;
		if (remembered != null && !this.lastFailed) {
			return remembered;
		}
		IOException failure;
		try {
			return ask(context);
		}
		catch (IOException ex) {
			failure = ex;
			logger.warn("nameserver {} did not give the brain '{}': {}", this.discovery.nameserver(),
					this.discovery.service(), ex.getMessage());
		}
		List<BrainAddress> fallbacks = new ArrayList<>(2);
		if (remembered != null) {
			fallbacks.add(remembered);
		}
		if (this.configured != null && !this.configured.equals(remembered)) {
			fallbacks.add(this.configured);
		}
		if (fallbacks.isEmpty()) {
			throw new IOException(
					"no brain address: the nameserver " + this.discovery.nameserver()
							+ " did not answer and none is cached or configured (" + failure.getMessage() + ")",
					failure);
		}
		synchronized (this) {
			return fallbacks.get(this.fallbackTurn++ % fallbacks.size());
		}
	}

	@Override
	public void reached(BrainAddress brain) {
		this.lastFailed = false;
		if (!brain.equals(this.cached)) {
			this.cached = brain;
			try {
				writeCache(brain);
			}
			catch (IOException ex) {
				// Still cached in memory; only a restart
				// during a nameserver outage loses it.
				logger.warn("cannot write the brain address cache {}: {}", this.discovery.cache(), ex.getMessage());
			}
		}
	}

	@Override
	public void failed(BrainAddress brain) {
		this.lastFailed = true;
	}

	private BrainAddress ask(SSLContext context) throws IOException {
		URI uri = URI.create(this.discovery.nameserver().toString().replaceAll("/+$", "")
				+ ApiPaths.NAME.replace("{name}", this.discovery.service()));
		try (HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(this.timeout).build()) {
			HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(this.timeout).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IOException("nameserver answered " + response.statusCode() + " " + response.body());
			}
			NameEntry entry = JSON.readValue(response.body(), NameEntry.class);
			if (entry.addresses().isEmpty()) {
				throw new IOException("nameserver entry '" + entry.name() + "' has no address");
			}
			return BrainAddress.parse(entry.addresses().get(0));
		}
		catch (JacksonException | TentacleConfigException ex) {
			throw new IOException("nameserver gave an unreadable entry: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while asking the nameserver", ex);
		}
	}

	private void writeCache(BrainAddress brain) throws IOException {
		Path file = this.discovery.cache();
		Files.createDirectories(file.toAbsolutePath().getParent());
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		Files.writeString(temporary, brain + "\n", StandardCharsets.UTF_8);
		try {
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static @Nullable BrainAddress readCache(Path file) {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8).strip();
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (IOException ex) {
			throw new TentacleConfigException("cannot read the brain address cache " + file + ": " + ex.getMessage(),
					ex);
		}
		try {
			return text.isEmpty() ? null : BrainAddress.parse(text);
		}
		catch (TentacleConfigException ex) {
			// A damaged cache only costs one nameserver query.
			logger.warn("ignoring the brain address cache {}: {}", file, ex.getMessage());
			return null;
		}
	}

}
