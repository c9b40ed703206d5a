package io.octoplane.brain.workgroup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.octoplane.protocol.digest.Sha256;

/**
 * Remembers, briefly, that a password matched a stored hash. Argon2 is slow on purpose;
 * scripts that log in on every call would otherwise cost a hash per request. The entry is
 * keyed by the stored hash as well as the password, so setting a new password (a new hash
 * with a new salt) or deleting the workgroup invalidates it at once, on every brain. Only
 * a digest is kept: the password itself is never held here.
 */
final class VerifiedPasswords {

	private static final int MAX_ENTRIES = 10_000;

	private final Clock clock;

	private final long trustMillis;

	private final Map<String, Long> expiries = new LinkedHashMap<>(256, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
			return size() > MAX_ENTRIES;
		}
	};

	VerifiedPasswords(Clock clock, Duration trust) {
		this.clock = clock;
		this.trustMillis = trust.toMillis();
	}

	synchronized boolean isVerified(String storedHash, String password) {
		Long until = this.expiries.get(key(storedHash, password));
		return until != null && until > this.clock.millis();
	}

	synchronized void remember(String storedHash, String password) {
		this.expiries.put(key(storedHash, password), this.clock.millis() + this.trustMillis);
	}

	private static String key(String storedHash, String password) {
		MessageDigest digest = Sha256.newDigest();
		digest.update(storedHash.getBytes(StandardCharsets.UTF_8));
		digest.update((byte) 0);
		digest.update(password.getBytes(StandardCharsets.UTF_8));
		return Sha256.hex(digest);
	}

}
