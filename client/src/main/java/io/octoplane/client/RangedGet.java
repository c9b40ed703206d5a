package io.octoplane.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.LongConsumer;

import org.jspecify.annotations.Nullable;

/**
 * Streams a download into a partial file, resuming with {@code Range} where an earlier
 * attempt left off: blobs by digest and files of the brain's file store alike.
 */
final class RangedGet {

	private RangedGet() {
	}

	/**
	 * Downloads into a partial file.
	 * @param transport the transport
	 * @param request the GET, its path and query set
	 * @param part the partial file, extended if it holds bytes already
	 * @param progress receives the bytes held so far
	 * @return the answer's headers, or {@code null} when the partial file was whole
	 * already
	 * @throws IOException if reading or writing fails
	 * @throws OctoplaneApiException if the brain answered with an error
	 */
	static @Nullable HttpHeaders into(Transport transport, HttpRequest.Builder request, Path part,
			LongConsumer progress) throws IOException {
		long held = Files.exists(part) ? Files.size(part) : 0;
		request.setHeader("Accept", "application/octet-stream, application/problem+json")
			.timeout(Duration.ofDays(1))
			.GET();
		if (held > 0) {
			request.header("Range", "bytes=" + held + "-");
		}
		HttpResponse<InputStream> response;
		try {
			response = transport.http().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
		if (response.statusCode() == 416) {
			// The partial file is already whole (or longer, which the digest catches).
			response.body().close();
			return null;
		}
		if (response.statusCode() / 100 != 2) {
			String body;
			try (InputStream in = response.body()) {
				body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
			}
			throw ProblemResponses.toException(response.statusCode(), response.headers(), body, transport.mapper());
		}
		boolean append = response.statusCode() == 206;
		try (InputStream in = response.body();
				OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
						append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
			long total = append ? held : 0;
			byte[] buffer = new byte[64 * 1024];
			int read;
			while ((read = in.read(buffer)) >= 0) {
				out.write(buffer, 0, read);
				total += read;
				progress.accept(total);
			}
		}
		return response.headers();
	}

}
