package io.octoplane.server.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.octoplane.protocol.ErrorCode;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report for requests it refuses before any servlet sees them (an
 * undecodable or forbidden path such as {@code %00} or {@code %2F}, a header too large),
 * written as a problem document instead of Tomcat's HTML page.
 */
public class ProblemReportValve extends ErrorReportValve {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Override
	protected void report(Request request, Response response, @Nullable Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean();
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		ErrorCode code = ProblemHandler.codeFor(status);
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", code.typeUri());
		HttpStatus known = HttpStatus.resolve(status);
		problem.put("title", (known != null) ? known.getReasonPhrase() : "HTTP status " + status);
		problem.put("status", status);
		problem.put("detail", detail(response, status));
		problem.put("code", code.slug());
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			byte[] body = json.writeValueAsBytes(problem);
			response.setContentLength(body.length);
			OutputStream out = response.getOutputStream();
			out.write(body);
			out.flush();
		}
		catch (IOException | RuntimeException ex) {
			// The connection is gone; there is no one left to tell.
		}
	}

	private static String detail(Response response, int status) {
		String message = response.getMessage();
		if (status < 500 && message != null && !message.isBlank()) {
			return message;
		}
		return (status < 500) ? "the request is malformed" : "the server failed to answer the request";
	}

}
