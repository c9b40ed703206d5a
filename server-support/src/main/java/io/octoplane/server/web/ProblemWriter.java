package io.octoplane.server.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

import io.octoplane.protocol.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Writes a problem document from a servlet filter, which runs before Spring MVC's
 * exception handling, in the same shape {@link ProblemHandler} gives.
 */
public class ProblemWriter {

	private final JsonMapper json;

	public ProblemWriter(JsonMapper json) {
		this.json = json;
	}

	/**
	 * Answers the request with a problem.
	 * @param request the request
	 * @param response the response to write
	 * @param code the error
	 * @param detail what happened, for humans
	 * @throws IOException if the response cannot be written
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String detail)
			throws IOException {
		ProblemDetail problem = OctoplaneException.problem(code, detail);
		problem.setInstance(instance(request.getRequestURI()));
		response.setStatus(code.httpStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

	/**
	 * The {@code instance} member for a request path.
	 * @param path the path as received
	 * @return it as a URI, or {@code null} if it is none (a problem must not fail on the
	 * very input it reports)
	 */
	static @Nullable URI instance(@Nullable String path) {
		if (path == null) {
			return null;
		}
		try {
			return new URI(path);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
