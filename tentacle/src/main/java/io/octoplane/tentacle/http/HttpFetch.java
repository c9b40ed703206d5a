package io.octoplane.tentacle.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.RunCommand;
import io.octoplane.protocol.http.HttpGetResult;
import io.octoplane.protocol.http.HttpGetSpec;
import io.octoplane.tentacle.command.CommandRunner;
import io.octoplane.tentacle.command.RunControl;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers an {@code http-get} command: fetches the URL with the JDK's HTTP client from
 * this node's network and returns an {@link HttpGetResult} as JSON on stdout. Any HTTP
 * status is a succeeded command (the status is the answer); a URL that cannot be reached
 * is a failed one with the reason. The body is read no further than the cap, so a endless
 * stream cannot fill the node's memory. Like every command it never throws.
 */
public final class HttpFetch {

	private final Clock clock;

	/**
	 * Creates the fetcher.
	 * @param clock the node clock, for result times
	 */
	public HttpFetch(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Fetches what a command asks for.
	 * @param command an {@code http-get} command
	 * @param control its handle; a cancel before the start is honoured
	 * @return the result; never {@code null}
	 */
	public CommandResult run(RunCommand command, RunControl control) {
		long startedAt = this.clock.millis();
		String cancelled = control.cancelledBeforeStart();
		if (cancelled != null) {
			return CommandRunner.cancelled(command.commandId(), startedAt, cancelled);
		}
		HttpGetSpec spec;
		try {
			spec = Json.MAPPER.readValue(command.command(), HttpGetSpec.class);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return failed(command, startedAt, "malformed http-get request: " + ex.getMessage());
		}
		Duration timeout = Duration.ofMillis(Math.min(spec.timeoutMillis(), command.timeoutMillis()));
		try (HttpClient client = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build()) {
			HttpRequest request = HttpRequest.newBuilder(URI.create(spec.url())).timeout(timeout).GET().build();
			HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
			int cap = Math.min(spec.maxBodyBytes(), command.outputLimitBytes() / 2);
			byte[] body;
			boolean truncated;
			try (InputStream in = response.body()) {
				body = in.readNBytes(cap);
				truncated = in.read() >= 0;
			}
			Map<String, List<String>> headers = new TreeMap<>();
			response.headers()
				.map()
				.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
			HttpGetResult result = new HttpGetResult(response.statusCode(), headers,
					new String(body, StandardCharsets.UTF_8), truncated);
			return new CommandResult(command.commandId(), CommandOutcome.SUCCEEDED, 0,
					Json.MAPPER.writeValueAsString(result), "", truncated, startedAt, this.clock.millis(), null);
		}
		catch (IOException | IllegalArgumentException ex) {
			return failed(command, startedAt, "cannot fetch " + spec.url() + ": " + describe(ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return failed(command, startedAt, "interrupted while fetching " + spec.url());
		}
	}

	private static String describe(Exception ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	private CommandResult failed(RunCommand command, long startedAt, String message) {
		return new CommandResult(command.commandId(), CommandOutcome.FAILED, 1, "", message + "\n", false, startedAt,
				this.clock.millis(), message);
	}

	/**
	 * The mapper, made when the first such command arrives: a tentacle that only runs
	 * shell commands never loads Jackson's classes.
	 */
	private static final class Json {

		static final JsonMapper MAPPER = JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build();

	}

}
