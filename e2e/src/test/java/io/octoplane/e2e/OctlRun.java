package io.octoplane.e2e;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import io.octoplane.octl.Octl;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One in-process octl invocation: exit status, stdout and stderr.
 *
 * @param status exit status
 * @param out what went to stdout
 * @param err what went to stderr
 */
record OctlRun(int status, String out, String err) {

	private static final JsonMapper json = JsonMapper.builder().build();

	static OctlRun execute(Path config, Path home, String... args) {
		return executeWithInput(config, home, "", args);
	}

	/**
	 * Runs octl with the given text on its standard input (for {@code --password-stdin}).
	 */
	static OctlRun executeWithInput(Path config, Path home, String stdin, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int status = new CommandLine(new Octl(Map.of("OCTL_CONFIG", config.toString()), home, false,
				new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))))
			.setOut(new PrintWriter(out, true))
			.setErr(new PrintWriter(err, true))
			.execute(args);
		return new OctlRun(status, out.toString(), err.toString());
	}

	/** Stdout parsed as JSON; fails the test if stdout is anything else. */
	JsonNode json() {
		return json.readTree(this.out);
	}

}
