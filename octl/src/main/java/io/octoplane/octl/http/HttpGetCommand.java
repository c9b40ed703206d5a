package io.octoplane.octl.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.octoplane.client.JobListener;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.client.OctoplaneJson;
import io.octoplane.octl.ExitException;
import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.config.DurationConverter;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.protocol.http.HttpGetResult;
import io.octoplane.protocol.http.HttpGetSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code octl http get}: fetches a URL from a node's own network (a device's status page,
 * an exporter on localhost) as a job of mode {@code http-get}, and prints the status,
 * headers and body the node got. Long streams belong to {@code octl tunnel}; this is for
 * one answer, capped in size.
 */
@Command(name = "get",
		description = { "Fetch URL from NODE's network and print the status, headers and body (capped).",
				"Runs as a job (mode http-get; also POST /api/v1/commands), so it is audited and retried after a "
						+ "link drop like any command. A node whose tentacle predates http-get answers 'rejected' "
						+ "at once, saying so. Exit 0 when the node got an answer (any HTTP status), 1 when it "
						+ "could not fetch the URL." },
		footerHeading = "%nExamples:%n", footer = { "  octl http get pi1 http://localhost:9100/metrics",
				"  octl http get pi1 http://192.168.1.20/status --max-body 4096 -o table" })
public final class HttpGetCommand extends OctlCommand {

	@Parameters(index = "0", paramLabel = "NODE", description = "The node that makes the request.")
	private String node;

	@Parameters(index = "1", paramLabel = "URL", description = "An http:// or https:// URL as the node sees it.")
	private String url;

	@Option(names = "--max-body", paramLabel = "BYTES",
			description = "Most bytes of the body kept (default " + HttpGetSpec.DEFAULT_MAX_BODY_BYTES + ").")
	private int maxBody = HttpGetSpec.DEFAULT_MAX_BODY_BYTES;

	@Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
			description = "How long the request may take on the node (default 30s).")
	private Duration timeout = Duration.ofSeconds(30);

	@Override
	protected int execute(Octl octl) {
		HttpGetSpec spec;
		try {
			spec = new HttpGetSpec(this.url, this.maxBody, this.timeout.toMillis());
		}
		catch (IllegalArgumentException ex) {
			throw new ParameterException(spec().commandLine(), ex.getMessage());
		}
		OctoplaneClient client = octl.client();
		long seconds = Math.max(1, (this.timeout.toMillis() + 999) / 1000);
		JobResponse accepted = client.jobs()
			.submit(new CommandRequest(List.of(this.node), CommandMode.HTTP_GET,
					OctoplaneJson.mapper().writeValueAsString(spec), seconds, null, null, null, null, null, null, null,
					null, null));
		JobResponse job = accepted.done() ? accepted
				: client.jobs().await(accepted.id(), this.timeout.plusSeconds(60), JobListener.none());
		NodeCommandResult result = job.results().getFirst();
		if (!"succeeded".equals(result.state())) {
			String why = (result.error() != null) ? result.error() : result.stderr().strip();
			throw new ExitException(ExitStatus.GENERIC, "octl: " + this.node + " " + result.state() + ": " + why);
		}
		HttpGetResult answer = OctoplaneJson.mapper().readValue(result.output(), HttpGetResult.class);
		octl.printer(spec()).print(answer, HttpGetCommand::text);
		return ExitStatus.OK;
	}

	static String text(HttpGetResult answer) {
		StringBuilder text = new StringBuilder("HTTP ").append(answer.status()).append('\n');
		for (Map.Entry<String, List<String>> header : answer.headers().entrySet()) {
			header.getValue().forEach((value) -> text.append(header.getKey()).append(": ").append(value).append('\n'));
		}
		text.append('\n').append(answer.body());
		if (answer.bodyTruncated()) {
			text.append("\n(body cut at the --max-body limit)\n");
		}
		return text.toString();
	}

}
