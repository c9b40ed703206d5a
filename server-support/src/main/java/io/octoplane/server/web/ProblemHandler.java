package io.octoplane.server.web;

import java.net.URI;

import io.octoplane.protocol.ErrorCode;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into a problem document with a {@code code} member, including the
 * ones Spring MVC raises itself (bad JSON, missing parameters, unknown paths), so clients
 * have exactly one error shape to handle.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

	static final String INVALID_PARAMETER = "a query or form parameter is not valid percent-encoded UTF-8";

	private static final Logger logger = LoggerFactory.getLogger(ProblemHandler.class);

	private final String server;

	/**
	 * Creates the handler.
	 * @param server how the problem details name this server, e.g.
	 * {@code octoplane-brain}
	 */
	public ProblemHandler(String server) {
		this.server = server;
	}

	@ExceptionHandler(DataAccessException.class)
	ResponseEntity<Object> redisUnavailable(DataAccessException ex, WebRequest request) {
		logger.warn("Redis call failed: {}", ex.getMessage());
		return handleExceptionInternal(
				new UnavailableException("the Redis of " + this.server + " is not reachable; try again shortly"), null,
				new HttpHeaders(), HttpStatusCode.valueOf(503), request);
	}

	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Object> invalidParameter(InvalidParameterException ex, WebRequest request) {
		// Tomcat decodes parameters lazily, so bad
		// percent-encoding in the query only shows here.
		return handleExceptionInternal(new InvalidRequestException(INVALID_PARAMETER), null, new HttpHeaders(),
				HttpStatusCode.valueOf(400), request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
		logger.error("Unexpected failure", ex);
		ProblemDetail problem = OctoplaneException.problem(ErrorCode.INTERNAL,
				"unexpected failure in " + this.server + "; its log has the details");
		return createResponseEntity(problem, new HttpHeaders(), HttpStatusCode.valueOf(500), request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem
				&& problem.getProperties() == null) {
			ErrorCode code = codeFor(statusCode.value());
			problem.setType(URI.create(code.typeUri()));
			problem.setProperty("code", code.slug());
		}
		return response;
	}

	/**
	 * The error code of a status that no feature chose a code for.
	 * @param status the HTTP status
	 * @return the generic code of that status
	 */
	static ErrorCode codeFor(int status) {
		return switch (status) {
			case 401 -> ErrorCode.UNAUTHENTICATED;
			case 403 -> ErrorCode.FORBIDDEN;
			case 404 -> ErrorCode.NOT_FOUND;
			case 409 -> ErrorCode.CONFLICT;
			case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
			case 429 -> ErrorCode.TOO_MANY_REQUESTS;
			case 503 -> ErrorCode.UNAVAILABLE;
			default -> (status >= 400 && status < 500) ? ErrorCode.INVALID_REQUEST : ErrorCode.INTERNAL;
		};
	}

}
