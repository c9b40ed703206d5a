package io.octoplane.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.net.ssl.SSLContext;

/**
 * Times node listings over plain HTTPS, so that the query parameters a newer brain knows
 * (paging, filters) can be asked for whatever the SDK offers. Each figure is the median
 * of several round trips on loopback, which bounds the brain's own time from above.
 */
final class Listings {

	private final HttpClient http;

	private final URI base;

	Listings(SSLContext operator, URI base) {
		this.http = HttpClient.newBuilder().sslContext(operator).connectTimeout(Duration.ofSeconds(10)).build();
		this.base = base;
	}

	/**
	 * Asks for a listing several times.
	 * @param query the query string after {@code /api/v1/nodes}, such as
	 * {@code ?limit=100}
	 * @param runs how many times
	 * @return the round trips, or empty samples if the brain refused the query
	 */
	Samples time(String query, int runs) throws IOException, InterruptedException {
		Samples samples = new Samples();
		HttpRequest request = HttpRequest.newBuilder(this.base.resolve("/api/v1/nodes" + query))
			.timeout(Duration.ofMinutes(1))
			.GET()
			.build();
		for (int run = 0; run < runs; run++) {
			long start = System.nanoTime();
			HttpResponse<byte[]> response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			long elapsed = System.nanoTime() - start;
			if (response.statusCode() != 200) {
				return new Samples();
			}
			samples.add(elapsed);
		}
		return samples;
	}

	/** Adds a listing's median and maximum to a report, or n/a. */
	static void report(Report report, String name, Samples samples) {
		if (samples.count() == 0) {
			report.put(name + "_ms", "n/a");
			return;
		}
		report.putMillis(name + "_ms_median", samples.median()).putMillis(name + "_ms_max", samples.max());
	}

}
