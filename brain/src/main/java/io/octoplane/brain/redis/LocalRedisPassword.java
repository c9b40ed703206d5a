package io.octoplane.brain.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The password of the Redis the brain starts for itself. Other local users can reach a
 * loopback port, so the child Redis is never left open: the password is made once, kept
 * in a file only the brain's user can read, and handed to redis-server in a config file
 * (never on its command line, which every local user can see).
 */
final class LocalRedisPassword {

	static final String FILE_NAME = "password";

	private LocalRedisPassword() {
	}

	/**
	 * The stored password, if the brain made one before.
	 * @param redisDir the local Redis data folder
	 * @return the password, or empty when none was made
	 */
	static Optional<String> find(Path redisDir) {
		Path file = redisDir.resolve(FILE_NAME);
		try {
			return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
					: Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the local Redis password in " + file, ex);
		}
	}

	/**
	 * The stored password, made and stored (owner read/write only) on first use.
	 * @param redisDir the local Redis data folder, created if missing
	 * @return the password
	 */
	static String findOrCreate(Path redisDir) {
		Optional<String> existing = find(redisDir);
		if (existing.isPresent()) {
			return existing.get();
		}
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		writePrivate(redisDir.resolve(FILE_NAME), password + "\n");
		return password;
	}

	/**
	 * Writes a file that only its owner can read, creating it with those permissions so
	 * it is never readable by others, not even for a moment.
	 * @param file the file, replaced if it exists
	 * @param text its content
	 */
	static void writePrivate(Path file, String text) {
		try {
			Files.createDirectories(file.getParent());
			Files.deleteIfExists(file);
			try {
				Files.createFile(file,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			catch (UnsupportedOperationException ex) {
				Files.createFile(file);
			}
			Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
		}
		catch (FileAlreadyExistsException ex) {
			throw new UncheckedIOException("another process created " + file + " at the same time", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file, ex);
		}
	}

}
