package io.octoplane.octl.sdk;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.NameEntry;
import io.octoplane.protocol.api.NameListResponse;
import io.octoplane.protocol.api.NameSummary;
import org.jspecify.annotations.Nullable;

/**
 * Registry calls to the nameserver. The nameserver accepts only client certificates, so
 * the client must be built for the nameserver's address with an operator (or any fleet)
 * certificate in its TLS context:
 *
 * <pre>{@code
 * NameserverApi names = NameserverApi.of(OctoplaneClient.builder()
 * 	.baseUri(URI.create("https://ns.example:3455"))
 * 	.sslContext(PemTls.clientContext(cert, key, ca))
 * 	.build());
 * }</pre>
 */
public final class NameserverApi {

	private final OctoplaneClient client;

	private NameserverApi(OctoplaneClient client) {
		this.client = client;
	}

	/**
	 * Registry calls through a client aimed at the nameserver.
	 * @param client the client, with the nameserver as base URI
	 * @return the calls
	 */
	public static NameserverApi of(OctoplaneClient client) {
		return new NameserverApi(client);
	}

	/**
	 * One live entry by its exact name.
	 * @param name the name, such as {@code brain}
	 * @return the entry
	 * @throws OctoplaneApiException with code {@code name-not-found} if there is no live
	 * entry of that name
	 */
	public NameEntry query(String name) {
		return this.client.send(this.client
			.request(ApiPaths.NAME.replace("{name}", OctoplaneClient.segment(name)), new StringJoiner("&"))
			.GET(), this.client.requestTimeout(), NameEntry.class);
	}

	/**
	 * The live entries whose names match every filter given.
	 * @param prefix names starting with this, or {@code null}
	 * @param suffix names ending with this, or {@code null}
	 * @param contains names containing this, or {@code null}
	 * @return the entries, sorted by name
	 */
	public NameListResponse list(@Nullable String prefix, @Nullable String suffix, @Nullable String contains) {
		StringJoiner query = new StringJoiner("&");
		add(query, "prefix", prefix);
		add(query, "suffix", suffix);
		add(query, "contains", contains);
		return this.client.send(this.client.request(ApiPaths.NAMES, query).GET(), this.client.requestTimeout(),
				NameListResponse.class);
	}

	/**
	 * How many live entries there are, in total and per kind.
	 * @return the counts
	 */
	public NameSummary summary() {
		return this.client.send(this.client.request(ApiPaths.NAME_SUMMARY, new StringJoiner("&")).GET(),
				this.client.requestTimeout(), NameSummary.class);
	}

	private static void add(StringJoiner query, String parameter, @Nullable String value) {
		if (value != null) {
			query.add(parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
		}
	}

}
