package io.octoplane.testsupport.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One scrape of a brain's {@code /actuator/prometheus}: the raw exposition, its samples
 * by {@code name{labels}}, and a check of the whole text with Prometheus' own parser
 * ({@code promtool check metrics}).
 */
public final class PrometheusScrape {

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?\\s+(\\S+).*$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final String text;

	private final Map<String, Double> samples = new HashMap<>();

	private PrometheusScrape(String text) {
		this.text = text;
		for (String line : text.split("\n")) {
			Matcher sample = SAMPLE.matcher(line);
			if (!line.startsWith("#") && sample.matches()) {
				this.samples.put(key(sample.group(1), sample.group(2)), Double.parseDouble(sample.group(3)));
			}
		}
	}

	/**
	 * Scrapes a management port on loopback.
	 * @param managementPort the port
	 * @return the scrape
	 */
	public static PrometheusScrape of(int managementPort) throws Exception {
		try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
			HttpResponse<String> response = client
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
					.header("Accept", "text/plain;version=0.0.4")
					.timeout(Duration.ofSeconds(20))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			return new PrometheusScrape(response.body());
		}
	}

	/** The exposition as served. */
	public String text() {
		return this.text;
	}

	/**
	 * A sample's value; labels other than those named are ignored, but must not be needed
	 * to tell series apart.
	 * @param name the sample name, e.g. {@code octoplane_refusals_total}
	 * @param labels label name and value pairs
	 * @return the sum over the series that carry all those labels, or 0 if none does
	 */
	public double value(String name, String... labels) {
		double sum = 0;
		boolean found = false;
		for (Map.Entry<String, Double> sample : this.samples.entrySet()) {
			if (matches(sample.getKey(), name, labels)) {
				sum += sample.getValue();
				found = true;
			}
		}
		return found ? sum : 0;
	}

	/**
	 * Whether a sample of that name and labels is exposed at all.
	 * @param name the sample name
	 * @param labels label name and value pairs
	 * @return whether it is
	 */
	public boolean has(String name, String... labels) {
		return this.samples.keySet().stream().anyMatch((key) -> matches(key, name, labels));
	}

	/**
	 * Runs {@code promtool check metrics} over the text: it parses it with Prometheus'
	 * own text-format parser and lints names, types and help. Skips the calling test when
	 * promtool is not installed ({@code apt-get install prometheus}).
	 * @return promtool's findings, empty when it found nothing to say
	 */
	public String promtoolFindings() throws IOException, InterruptedException {
		Optional<Path> promtool = onPath("promtool");
		Assumptions.assumeTrue(promtool.isPresent(),
				"promtool not found on PATH: install Debian's prometheus package (.ci/run does) to validate the exposition");
		Path input = Files.createTempFile("octoplane-scrape-", ".prom");
		Path findings = Files.createTempFile("octoplane-promtool-", ".txt");
		try {
			Files.writeString(input, this.text);
			Process process = new ProcessBuilder(promtool.get().toString(), "check", "metrics")
				.redirectInput(input.toFile())
				.redirectErrorStream(true)
				.redirectOutput(findings.toFile())
				.start();
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
			String output = Files.readString(findings, StandardCharsets.UTF_8);
			// 0: clean; 3: parsed, with lint findings (reported to the caller); anything
			// else: the text could not be parsed.
			assertThat(process.exitValue()).as("promtool check metrics: %s", output).isIn(0, 3);
			return output;
		}
		finally {
			Files.deleteIfExists(input);
			Files.deleteIfExists(findings);
		}
	}

	/**
	 * Runs {@code promtool check rules} over a rules file, which parses every expression
	 * with Prometheus' PromQL parser. Skips the calling test without promtool.
	 * @param rules the rules file's YAML
	 * @return what promtool reported when it failed, else empty
	 */
	public static String promtoolCheckRules(String rules) throws IOException, InterruptedException {
		Path file = Files.createTempFile("octoplane-rules-", ".yaml");
		try {
			Files.writeString(file, rules);
			return runTool("promtool", "prometheus", "check", "rules", file.toString());
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	/**
	 * Runs {@code promtool test rules}: the rule unit tests of a test file, which
	 * evaluate the alerts over the series it lists. Skips the calling test without
	 * promtool.
	 * @param testFile the unit test file
	 * @return what promtool reported when a test failed, else empty
	 */
	public static String promtoolTestRules(Path testFile) throws IOException, InterruptedException {
		return runTool("promtool", "prometheus", "test", "rules", testFile.toString());
	}

	/**
	 * Runs {@code amtool check-config} over an Alertmanager configuration. Skips the
	 * calling test without amtool ({@code apt-get install prometheus-alertmanager}).
	 * @param config the configuration file
	 * @return what amtool reported when it refused the file, else empty
	 */
	public static String amtoolCheckConfig(Path config) throws IOException, InterruptedException {
		return runTool("amtool", "prometheus-alertmanager", "check-config", config.toString());
	}

	private static String runTool(String name, String debianPackage, String... arguments)
			throws IOException, InterruptedException {
		Optional<Path> tool = onPath(name);
		Assumptions.assumeTrue(tool.isPresent(),
				name + " not found on PATH: install Debian's " + debianPackage + " package (.ci/run does)");
		Path output = Files.createTempFile("octoplane-" + name + "-", ".txt");
		try {
			List<String> command = new ArrayList<>();
			command.add(tool.get().toString());
			command.addAll(List.of(arguments));
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", name).isTrue();
			return (process.exitValue() == 0) ? "" : Files.readString(output, StandardCharsets.UTF_8);
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	private static Optional<Path> onPath(String name) {
		String path = System.getenv().getOrDefault("PATH", "");
		for (String dir : path.split(java.io.File.pathSeparator)) {
			Path candidate = Path.of(dir, name);
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	private static String key(String name, String labels) {
		return name + ((labels != null) ? labels : "{}");
	}

	private static boolean matches(String key, String name, String... labels) {
		if (!key.startsWith(name + "{")) {
			return false;
		}
		Map<String, String> actual = new HashMap<>();
		Matcher label = LABEL.matcher(key.substring(name.length()));
		while (label.find()) {
			actual.put(label.group(1), label.group(2));
		}
		for (int i = 0; i + 1 < labels.length; i += 2) {
			if (!labels[i + 1].equals(actual.get(labels[i]))) {
				return false;
			}
		}
		return true;
	}

}
