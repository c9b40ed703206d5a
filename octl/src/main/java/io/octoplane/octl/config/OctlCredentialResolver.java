package io.octoplane.octl.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import io.octoplane.client.ClientAuthentication;
import io.octoplane.protocol.workgroup.WorkgroupPaths;
import org.jspecify.annotations.Nullable;

/**
 * Decides how octl logs in from a config file and the environment: exactly one of an
 * operator certificate, a workgroup password or an API token, each secret taken from the
 * environment, a file or the config itself, and never echoed in a message.
 */
final class OctlCredentialResolver {

	private OctlCredentialResolver() {
	}

	static OctlCredentials resolve(Path file, ConfigFile raw, Map<String, String> env, Path folder, Path home) {
		List<String> methods = new ArrayList<>();
		boolean certificate = OctlConfigLoader.present(raw.cert()) || OctlConfigLoader.present(raw.key());
		boolean password = OctlConfigLoader.present(raw.user()) || OctlConfigLoader.present(raw.password())
				|| OctlConfigLoader.present(raw.passwordFile())
				|| OctlConfigLoader.present(env.get(OctlConfig.ENV_PASSWORD));
		boolean token = OctlConfigLoader.present(raw.token()) || OctlConfigLoader.present(raw.tokenFile())
				|| OctlConfigLoader.present(env.get(OctlConfig.ENV_TOKEN));
		if (certificate) {
			methods.add("an operator certificate (cert, key)");
		}
		if (password) {
			methods.add("a workgroup password (user with password, passwordFile or $" + OctlConfig.ENV_PASSWORD + ")");
		}
		if (token) {
			methods.add("an API token (token, tokenFile or $" + OctlConfig.ENV_TOKEN + ")");
		}
		if (methods.isEmpty()) {
			throw new OctlConfigException("octl config " + file + " sets no way to log in; set exactly one of: cert "
					+ "and key (an operator certificate), user with passwordFile or $" + OctlConfig.ENV_PASSWORD
					+ " (a workgroup password), or tokenFile or $" + OctlConfig.ENV_TOKEN + " (an API token)");
		}
		if (methods.size() > 1) {
			throw new OctlConfigException("octl config " + file + " (with the environment) sets more than one way to "
					+ "log in: " + String.join(" and ", methods) + "; keep exactly one");
		}
		if (certificate) {
			return new OctlCredentials.Certificate(
					OctlConfigLoader.path(raw.cert(), "cert", "operator certificate", file, folder, home),
					OctlConfigLoader.path(raw.key(), "key", "operator private key", file, folder, home));
		}
		if (password) {
			if (!OctlConfigLoader.present(raw.user())) {
				throw new OctlConfigException("octl config " + file + " has a password (password, passwordFile or $"
						+ OctlConfig.ENV_PASSWORD + ") but no 'user': set user to the workgroup path, like /lab/pis");
			}
			String user;
			try {
				user = WorkgroupPaths.normalize(raw.user().strip());
			}
			catch (IllegalArgumentException ex) {
				throw new OctlConfigException("octl config " + file + ": user: " + ex.getMessage(), ex);
			}
			String secret = secret(file, "password", raw.password(), raw.passwordFile(),
					env.get(OctlConfig.ENV_PASSWORD), folder, home, false);
			if (secret == null) {
				throw new OctlConfigException("octl config " + file + " sets user " + user + " but no password: set "
						+ "passwordFile (a file holding only the password) or $" + OctlConfig.ENV_PASSWORD);
			}
			return new OctlCredentials.Password(user, secret);
		}
		String secret = secret(file, "token", raw.token(), raw.tokenFile(), env.get(OctlConfig.ENV_TOKEN), folder, home,
				true);
		try {
			// Checks the token can travel in a header; the message never holds it.
			ClientAuthentication.bearer(Objects.requireNonNull(secret));
		}
		catch (IllegalArgumentException ex) {
			throw new OctlConfigException("octl config " + file + ": the API token is invalid: " + ex.getMessage(), ex);
		}
		return new OctlCredentials.Token(secret.strip());
	}

	/**
	 * A secret from the environment, else a file, else the config itself. Setting both
	 * the file and the inline value is refused, as it is unclear which one is meant.
	 */
	private static @Nullable String secret(Path file, String name, @Nullable String inline, @Nullable String fileName,
			@Nullable String fromEnv, Path folder, Path home, boolean strip) {
		if (OctlConfigLoader.present(inline) && OctlConfigLoader.present(fileName)) {
			throw new OctlConfigException(
					"octl config " + file + " sets both '" + name + "' and '" + name + "File'; keep one");
		}
		if (OctlConfigLoader.present(fromEnv)) {
			return strip ? fromEnv.strip() : fromEnv;
		}
		if (OctlConfigLoader.present(fileName)) {
			Path secretFile = OctlConfigLoader.path(fileName, name + "File", name + " file", file, folder, home);
			String text;
			try {
				text = Files.readString(secretFile, StandardCharsets.UTF_8);
			}
			catch (IOException | UncheckedIOException ex) {
				// The exception names the file only, never its content.
				throw new OctlConfigException("cannot read " + name + "File " + secretFile + " (set in " + file + "): "
						+ ex.getClass().getSimpleName(), ex);
			}
			// One line; editors add a final newline, which is not part of the secret.
			String value = text.replaceFirst("\\R\\z", "");
			if (value.isEmpty()) {
				throw new OctlConfigException(name + "File " + secretFile + " (set in " + file + ") is empty");
			}
			return strip ? value.strip() : value;
		}
		return OctlConfigLoader.present(inline) ? (strip ? inline.strip() : inline) : null;
	}

	static void warnIfOthersCanRead(Path file, String secret, Consumer<String> warnings) {
		Set<PosixFilePermission> permissions;
		try {
			permissions = Files.getPosixFilePermissions(file);
		}
		catch (IOException | UnsupportedOperationException ex) {
			return;
		}
		Set<PosixFilePermission> others = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
				PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
		if (permissions.stream().anyMatch(others::contains)) {
			warnings.accept("octl config " + file + " holds a " + secret + " but others may read it; run 'chmod 600 "
					+ file + "', or move the " + secret + " to " + secret + "File or $"
					+ ("password".equals(secret) ? OctlConfig.ENV_PASSWORD : OctlConfig.ENV_TOKEN));
		}
	}

}
