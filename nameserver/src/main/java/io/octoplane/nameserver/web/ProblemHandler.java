package io.octoplane.nameserver.web;

import java.net.URI;

import io.octoplane.protocol.ErrorCode;
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
 * ones Spring MVC raises itself, as the brain does.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemHandler.class);

	@ExceptionHandler(DataAccessException.class)
	ResponseEntity<Object> redisUnavailable(DataAccessException ex, WebRequest request) {
		logger.warn("Redis call failed: {}", ex.getMessage());
		return handleExceptionInternal(
				new NameserverException(ErrorCode.UNAVAILABLE,
						"the nameserver's Redis is not reachable; try again shortly"),
				null, new HttpHeaders(), HttpStatusCode.valueOf(503), request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
		logger.error("Unexpected failure", ex);
		ProblemDetail problem = NameserverException.problem(ErrorCode.INTERNAL,
				"unexpected failure in the nameserver; its log has the details");
		return createResponseEntity(problem, new HttpHeaders(), HttpStatusCode.valueOf(500), request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem
				&& problem.getProperties() == null) {
			ErrorCode code = switch (statusCode.value()) {
				case 400, 405, 406, 415 -> ErrorCode.INVALID_REQUEST;
				case 404 -> ErrorCode.NOT_FOUND;
				case 503 -> ErrorCode.UNAVAILABLE;
				default -> ErrorCode.INTERNAL;
			};
			problem.setType(URI.create(code.typeUri()));
			problem.setProperty("code", code.slug());
		}
		return response;
	}

}
