package io.octoplane.brain.admin;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.octoplane.brain.BrainApplication;
import io.octoplane.brain.workgroup.WorkgroupService;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar brain.jar set-root-password [--password-stdin] [brain options]}: sets
 * the root workgroup's password in the brain's Redis, with the brain's own configuration,
 * without starting its servers. The password comes from standard input, from the
 * {@code OCTOPLANE_ROOT_PASSWORD} environment variable, or from a prompt without echo;
 * never from the command line, where {@code ps} would show it.
 */
public final class SetRootPasswordCommand {

	/** The first argument that selects this command. */
	public static final String NAME = "set-root-password";

	private static final String SSL_METRICS = "org.springframework.boot.micrometer.metrics.autoconfigure.ssl.SslMetricsAutoConfiguration";

	private SetRootPasswordCommand() {
	}

	/**
	 * Runs the command.
	 * @param args the arguments after the command name: {@code --password-stdin} and
	 * brain options such as {@code --spring.data.redis.host=...}
	 * @return the exit status: 0 on success, 2 when no password was given
	 * @throws IOException if standard input cannot be read
	 */
	public static int run(String[] args) throws IOException {
		boolean fromStdin = Arrays.asList(args).contains("--password-stdin");
		String[] brainArgs = Arrays.stream(args)
			.filter((arg) -> !"--password-stdin".equals(arg))
			.toArray(String[]::new);
		String password = readPassword(fromStdin);
		if (password == null || password.isEmpty()) {
			System.err.println("set-root-password: no password given (pipe it with --password-stdin, set "
					+ "OCTOPLANE_ROOT_PASSWORD, or run it on a terminal)");
			return 2;
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BrainApplication.class)
			.web(WebApplicationType.NONE)
			.properties("octoplane.brain.serve=false", "spring.main.banner-mode=off",
					// The only user of the TLS files while nothing is served: the command
					// must not need them.
					"spring.autoconfigure.exclude=" + SSL_METRICS)
			.run(brainArgs)) {
			context.getBean(WorkgroupService.class).setPassword(WorkgroupService.ROOT, password);
		}
		System.err.println("set-root-password: the password of workgroup / is set");
		return 0;
	}

	private static @Nullable String readPassword(boolean fromStdin) throws IOException {
		if (fromStdin) {
			BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			return reader.readLine();
		}
		String fromEnvironment = System.getenv("OCTOPLANE_ROOT_PASSWORD");
		if (fromEnvironment != null) {
			return fromEnvironment;
		}
		Console console = System.console();
		if (console == null) {
			return null;
		}
		char[] first = console.readPassword("New password for workgroup /: ");
		char[] second = console.readPassword("Again: ");
		if (first == null || second == null || !Arrays.equals(first, second)) {
			System.err.println("set-root-password: the two passwords differ");
			return null;
		}
		return new String(first);
	}

}
