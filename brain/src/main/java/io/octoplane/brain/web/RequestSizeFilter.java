package io.octoplane.brain.web;

import java.io.IOException;

import io.octoplane.brain.metrics.RefusalReason;
import io.octoplane.brain.metrics.Refusals;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.server.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit: a declared length is checked up front (413), a
 * streamed body stops being read at the limit, so no caller can make the brain buffer an
 * arbitrary amount of JSON.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeFilter extends OncePerRequestFilter {

	private final long limit;

	private final ProblemWriter problems;

	private final Refusals refusals;

	RequestSizeFilter(ApiProperties properties, ProblemWriter problems, Refusals refusals) {
		this.limit = properties.maxRequestSize().toBytes();
		this.problems = problems;
		this.refusals = refusals;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if ("POST".equals(request.getMethod()) && ApiPaths.FILE_BLOBS.equals(request.getRequestURI())) {
			// Blobs stream to disk under their own, much larger limit.
			chain.doFilter(request, response);
			return;
		}
		if (request.getContentLengthLong() > this.limit) {
			this.refusals.count(RefusalReason.REQUEST_BODY_SIZE);
			this.problems.write(request, response, ErrorCode.PAYLOAD_TOO_LARGE,
					"request body of " + request.getContentLengthLong() + " bytes exceeds the limit of " + this.limit);
			return;
		}
		chain.doFilter(new LimitedRequest(request, this.limit, this.refusals), response);
	}

	/** A request whose body ends in an error once more than the limit was read. */
	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private final Refusals refusals;

		private boolean counted;

		LimitedRequest(HttpServletRequest request, long limit, Refusals refusals) {
			super(request);
			this.limit = limit;
			this.refusals = refusals;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			ServletInputStream in = super.getInputStream();
			return new ServletInputStream() {

				private long read;

				@Override
				public int read() throws IOException {
					int value = in.read();
					if (value >= 0) {
						count(1);
					}
					return value;
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					int count = in.read(buffer, offset, length);
					if (count > 0) {
						count(count);
					}
					return count;
				}

				private void count(int bytes) throws IOException {
					this.read += bytes;
					if (this.read > LimitedRequest.this.limit) {
						if (!LimitedRequest.this.counted) {
							LimitedRequest.this.counted = true;
							LimitedRequest.this.refusals.count(RefusalReason.REQUEST_BODY_SIZE);
						}
						throw new IOException(
								"request body exceeds the limit of " + LimitedRequest.this.limit + " bytes");
					}
				}

				@Override
				public boolean isFinished() {
					return in.isFinished();
				}

				@Override
				public boolean isReady() {
					return in.isReady();
				}

				@Override
				public void setReadListener(ReadListener listener) {
					in.setReadListener(listener);
				}

			};
		}

	}

}
