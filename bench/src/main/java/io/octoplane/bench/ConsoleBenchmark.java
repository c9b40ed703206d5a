package io.octoplane.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import io.octoplane.bench.harness.BenchFleet;
import io.octoplane.bench.harness.ProcessReadings;
import io.octoplane.bench.sim.FleetSimulator;
import io.octoplane.bench.sim.SimulatedExecutor;
import io.octoplane.bench.sim.SimulatedTentacle;
import io.octoplane.certs.CertificateRole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench console --nodes N}: how long the web console's fleet page takes to load
 * with N connected nodes, signed in through the login form as a browser would be: the
 * whole page, the table alone as htmx asks for it, and filtered by state and by name.
 * Each figure is the median of several loads on loopback (server time plus one round
 * trip; no browser rendering).
 */
@Command(name = "console", mixinStandardHelpOptions = true,
		description = "Connect N simulated nodes; time the web console's fleet page.")
final class ConsoleBenchmark implements Callable<Integer> {

	private static final String PASSWORD = "bench console password";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Spec
	CommandSpec spec;

	@Mixin
	FleetOptions fleet;

	@Option(names = "--nodes", required = true, paramLabel = "N", description = "How many nodes.")
	int nodes;

	@Option(names = "--runs", defaultValue = "11", paramLabel = "N",
			description = "Loads per page (default: ${DEFAULT-VALUE}).")
	int runs = 11;

	@Override
	public Integer call() throws Exception {
		PrintWriter out = this.spec.commandLine().getOut();
		Report report = new Report("console").put("nodes", this.nodes)
			.put("load_before", ProcessReadings.loadAverage());
		try (BenchFleet fleet = this.fleet.start()) {
			FleetSimulator simulator = fleet.simulator();
			List<SimulatedTentacle> prepared = simulator.prepare("sim", this.nodes, SimulatedExecutor.NOOP);
			simulator.start(prepared);
			if (!Progress.awaitConnected(simulator, this.nodes, ConnectBenchmark.connectTimeout(this.nodes))) {
				report.put("connected", simulator.connected());
				report.print(out);
				return Bench.INCOMPLETE;
			}
			report.put("connected", simulator.connected());
			fleet.client().workgroups().setPassword("/", PASSWORD);
			Browser browser = new Browser(fleet.tls().clientContext(CertificateRole.OPERATOR, "bench-console"),
					fleet.client().baseUri());
			browser.signIn("/", PASSWORD);
			time(report, "fleet_page", browser, "/ui/nodes", false);
			time(report, "fleet_table_htmx", browser, "/ui/nodes?sort=cpu", true);
			time(report, "fleet_offline", browser, "/ui/nodes?state=offline", false);
			time(report, "fleet_name_filter", browser, "/ui/nodes?name=sim0999*", false);
			report.put("load_after", ProcessReadings.loadAverage());
			report.print(out);
			return 0;
		}
	}

	private void time(Report report, String name, Browser browser, String path, boolean htmx)
			throws IOException, InterruptedException {
		Samples samples = new Samples();
		int bytes = 0;
		for (int run = 0; run < this.runs; run++) {
			long start = System.nanoTime();
			HttpResponse<String> page = browser.get(path, htmx);
			samples.add(System.nanoTime() - start);
			if (page.statusCode() != 200) {
				throw new IllegalStateException(path + " answered " + page.statusCode());
			}
			bytes = page.body().length();
		}
		report.putMillis(name + "_ms_median", samples.median())
			.putMillis(name + "_ms_max", samples.max())
			.put(name + "_chars", bytes);
	}

	/** A cookie-keeping HTTPS client that signs in through the console's form. */
	private static final class Browser {

		private final HttpClient http;

		private final URI base;

		Browser(SSLContext tls, URI base) {
			this.http = HttpClient.newBuilder()
				.sslContext(tls)
				.cookieHandler(new CookieManager())
				.connectTimeout(Duration.ofSeconds(10))
				.build();
			this.base = base;
		}

		void signIn(String workgroup, String password) throws IOException, InterruptedException {
			Matcher token = CSRF.matcher(get("/ui/login", false).body());
			if (!token.find()) {
				throw new IllegalStateException("the login page has no CSRF token");
			}
			String form = "username=" + encode(workgroup) + "&password=" + encode(password) + "&_csrf="
					+ encode(token.group(1));
			HttpResponse<String> answer = this.http.send(HttpRequest.newBuilder(this.base.resolve("/ui/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
			String location = answer.headers().firstValue("Location").orElse("");
			if (answer.statusCode() != 302 || location.contains("error")) {
				throw new IllegalStateException("sign-in failed: " + answer.statusCode() + " " + location);
			}
		}

		HttpResponse<String> get(String path, boolean htmx) throws IOException, InterruptedException {
			HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(path))
				.timeout(Duration.ofMinutes(1))
				.GET();
			if (htmx) {
				request.header("HX-Request", "true");
			}
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

		private static String encode(String text) {
			return URLEncoder.encode(text, StandardCharsets.UTF_8);
		}

	}

}
