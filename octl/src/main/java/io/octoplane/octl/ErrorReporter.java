package io.octoplane.octl;

import java.io.PrintWriter;

import io.octoplane.client.JobTimeoutException;
import io.octoplane.client.OctoplaneApiException;
import io.octoplane.client.OctoplaneConnectionException;
import io.octoplane.octl.config.OctlConfig;
import io.octoplane.octl.config.OctlConfigException;
import io.octoplane.protocol.ErrorCode;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Maps failures to an {@link ExitStatus} and prints them as one line on standard error.
 * The problem {@code code} of the brain decides the status, never the message text.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IExitCodeExceptionMapper {

	private final boolean stacktrace;

	ErrorReporter(boolean stacktrace) {
		this.stacktrace = stacktrace;
	}

	@Override
	public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
		return report(ex, commandLine.getErr());
	}

	@Override
	public int getExitCode(Throwable exception) {
		return statusOf(exception);
	}

	int report(Throwable failure, PrintWriter err) {
		int status = statusOf(failure);
		boolean known = failure instanceof ExitException || failure instanceof OctlConfigException
				|| failure instanceof OctoplaneApiException || failure instanceof OctoplaneConnectionException
				|| failure instanceof JobTimeoutException;
		if (known) {
			err.println("octl: error: " + failure.getMessage() + hint(failure));
		}
		else {
			err.println("octl: internal error: " + failure
					+ (this.stacktrace ? "" : " (run again with -x for the stack trace)"));
		}
		if (this.stacktrace) {
			failure.printStackTrace(err);
		}
		err.flush();
		return status;
	}

	private static String hint(Throwable failure) {
		if (failure instanceof OctoplaneConnectionException connection && connection.mayHaveActed()) {
			return " (the brain may have carried the call out: look, for example with "
					+ "'octl job list', before repeating it)";
		}
		if (failure instanceof OctoplaneConnectionException connection
				&& connection.reason() == OctoplaneConnectionException.Reason.TLS) {
			return " (check ca, and cert and key if set, in the octl config: ca must be the CA that issued the "
					+ "brain's certificate, and an operator certificate must come from the CA the brain trusts)";
		}
		if (failure instanceof OctoplaneApiException api && api.errorCode().isPresent()) {
			return switch (api.errorCode().get()) {
				case UNAUTHENTICATED ->
					" (check how the octl config logs in: user and password (passwordFile, $" + OctlConfig.ENV_PASSWORD
							+ "), token (tokenFile, $" + OctlConfig.ENV_TOKEN + "), or cert and key)";
				case TOO_MANY_REQUESTS -> api.retryAfter()
					.map((wait) -> " (Retry-After: " + wait.toSeconds() + " s; wait that long before trying again)")
					.orElse(" (no Retry-After given; wait a while before trying again)");
				case WORKGROUP_NOT_FOUND -> " (workgroups are absolute like /lab/pis or relative to the acting one; "
						+ "'octl wg pwd' shows it)";
				default -> "";
			};
		}
		return "";
	}

	static int statusOf(Throwable failure) {
		if (failure instanceof ExitException exit) {
			return exit.status();
		}
		if (failure instanceof ParameterException || failure instanceof OctlConfigException) {
			return ExitStatus.INVALID_INPUT;
		}
		if (failure instanceof OctoplaneConnectionException || failure instanceof JobTimeoutException) {
			return ExitStatus.INTERNAL;
		}
		if (failure instanceof OctoplaneApiException api) {
			return api.errorCode().map(ErrorReporter::statusOf).orElseGet(() -> statusOfHttp(api.httpStatus()));
		}
		return ExitStatus.INTERNAL;
	}

	private static int statusOf(ErrorCode code) {
		return switch (code) {
			case INVALID_REQUEST, INVALID_DEPLOYMENT, PAYLOAD_TOO_LARGE, RELEASE_CHECKSUM_MISMATCH,
					RELEASE_SIGNATURE_INVALID ->
				ExitStatus.INVALID_INPUT;
			case NODE_NOT_FOUND, JOB_NOT_FOUND, WORKGROUP_NOT_FOUND, SCENARIO_NOT_FOUND, VERSION_NOT_FOUND,
					NAME_NOT_FOUND, RELEASE_NOT_FOUND, NOT_FOUND, CONFLICT, NODE_OFFLINE, TUNNEL_FAILED,
					UPGRADE_NOT_LAUNCHED ->
				ExitStatus.UNEXPECTED_STATE;
			case UNAVAILABLE, INTERNAL, TOO_MANY_REQUESTS -> ExitStatus.INTERNAL;
			case UNAUTHENTICATED, FORBIDDEN -> ExitStatus.GENERIC;
		};
	}

	private static int statusOfHttp(int httpStatus) {
		// Without a known code (a proxy's error page, a newer
		// brain's slug) only the status class can be trusted:
		// server-side failures are internal, the rest generic.
		return (httpStatus >= 500) ? ExitStatus.INTERNAL : ExitStatus.GENERIC;
	}

}
