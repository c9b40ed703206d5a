package io.octoplane.brain.web;

import java.io.IOException;
import java.net.URI;

import io.octoplane.protocol.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Writes a problem document from a servlet filter, which runs before Spring MVC's
 * exception handling, in the same shape {@link ProblemHandler} gives.
 */
@Component
public class ProblemWriter {

	private final JsonMapper json;

	ProblemWriter(JsonMapper json) {
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
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(code.httpStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
