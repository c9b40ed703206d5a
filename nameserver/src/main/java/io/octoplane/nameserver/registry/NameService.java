package io.octoplane.nameserver.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.octoplane.nameserver.NameserverProperties;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.NameEntry;
import io.octoplane.protocol.api.NameRegistration;
import io.octoplane.protocol.api.NameSummary;
import io.octoplane.server.web.ConflictException;
import io.octoplane.server.web.InvalidRequestException;
import io.octoplane.server.web.NotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Registers, finds and lists entries, and decides what is valid: names and kinds are
 * DNS-like labels, addresses are {@code host:port}, and sizes are bounded so a registrant
 * cannot fill Redis.
 */
@Service
class NameService {

	private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,126}[a-z0-9])?");

	private static final Pattern ADDRESS = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9._-]+):[0-9]{1,5}");

	private static final int MAX_ADDRESSES = 16;

	private static final int MAX_METADATA = 32;

	private static final int MAX_METADATA_TEXT = 256;

	private final NameRepository repository;

	private final NameserverProperties properties;

	private final Clock clock;

	NameService(NameRepository repository, NameserverProperties properties, Clock clock) {
		this.repository = repository;
		this.properties = properties;
		this.clock = clock;
	}

	NameEntry register(String name, NameRegistration registration, String caller) {
		requireName(name, "name");
		requireName(registration.kind(), "kind");
		if (registration.ttlSeconds() <= 0 || registration.ttlSeconds() > this.properties.maxTtl().toSeconds()) {
			throw invalid("ttl_seconds " + registration.ttlSeconds() + " must be between 1 and "
					+ this.properties.maxTtl().toSeconds());
		}
		if (registration.addresses().isEmpty() || registration.addresses().size() > MAX_ADDRESSES) {
			throw invalid("an entry needs between 1 and " + MAX_ADDRESSES + " addresses");
		}
		for (String address : registration.addresses()) {
			if (!ADDRESS.matcher(address).matches()) {
				throw invalid("address '" + address + "' is not host:port");
			}
		}
		if (registration.metadata().size() > MAX_METADATA) {
			throw invalid("an entry has at most " + MAX_METADATA + " metadata pairs");
		}
		registration.metadata().forEach((key, value) -> {
			if (key.isEmpty() || key.length() > MAX_METADATA_TEXT || value.length() > MAX_METADATA_TEXT) {
				throw invalid("metadata keys must not be empty and keys and values are at most " + MAX_METADATA_TEXT
						+ " characters");
			}
		});
		Instant now = this.clock.instant();
		this.repository.prune(now.toEpochMilli());
		if (this.repository.find(name).isEmpty() && this.repository.count() >= this.properties.maxEntries()) {
			throw new ConflictException("the registry is full (" + this.properties.maxEntries() + " entries)");
		}
		NameEntry entry = new NameEntry(name, registration.kind(), registration.addresses(), registration.metadata(),
				caller, now, now.plus(Duration.ofSeconds(registration.ttlSeconds())));
		this.repository.save(entry);
		return entry;
	}

	NameEntry query(String name) {
		Instant now = this.clock.instant();
		return this.repository.find(name)
			.filter((entry) -> entry.expiresAt().isAfter(now))
			.orElseThrow(() -> new NotFoundException(ErrorCode.NAME_NOT_FOUND, "no live entry named '" + name + "'"));
	}

	void remove(String name) {
		if (!this.repository.remove(name)) {
			throw new NotFoundException(ErrorCode.NAME_NOT_FOUND, "no entry named '" + name + "'");
		}
	}

	List<NameEntry> list(@Nullable String prefix, @Nullable String suffix, @Nullable String contains) {
		Predicate<String> match = (name) -> (prefix == null || name.startsWith(prefix))
				&& (suffix == null || name.endsWith(suffix)) && (contains == null || name.contains(contains));
		return live().stream()
			.filter((entry) -> match.test(entry.name()))
			.sorted(Comparator.comparing(NameEntry::name))
			.toList();
	}

	NameSummary summary() {
		Map<String, Integer> kinds = new TreeMap<>();
		List<NameEntry> entries = live();
		entries.forEach((entry) -> kinds.merge(entry.kind(), 1, Integer::sum));
		return new NameSummary(entries.size(), kinds);
	}

	private List<NameEntry> live() {
		Instant now = this.clock.instant();
		this.repository.prune(now.toEpochMilli());
		// Filtered again: an entry may expire between the prune and the read.
		return this.repository.all().stream().filter((entry) -> entry.expiresAt().isAfter(now)).toList();
	}

	private static void requireName(String value, String what) {
		if (!NAME.matcher(value).matches()) {
			throw invalid(what + " '" + value
					+ "' must be 1 to 128 characters of a-z, 0-9, '.', '_' and '-', starting and ending with a letter or digit");
		}
	}

	private static InvalidRequestException invalid(String detail) {
		return new InvalidRequestException(detail);
	}

}
