package io.octoplane.client;

import java.io.FileNotFoundException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.StringJoiner;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.NameEntry;
import io.octoplane.protocol.api.NameListResponse;
import io.octoplane.protocol.api.NameSummary;
import io.octoplane.protocol.api.ReleaseInfo;
import io.octoplane.protocol.api.ReleaseListResponse;
import org.jspecify.annotations.Nullable;

/**
 * Registry and release calls to the nameserver. The nameserver accepts only client
 * certificates, so the client must be built for the nameserver's address with an operator
 * (or any fleet) certificate in its TLS context:
 *
 * <pre>{@code
 * NameserverApi names = NameserverApi.of(OctoplaneClient.builder()
 * 	.baseUri(URI.create("https://ns.example:3455"))
 * 	.sslContext(PemTls.clientContext(cert, key, ca))
 * 	.build());
 * }</pre>
 */
public final class NameserverApi {

	private final Transport transport;

	private NameserverApi(Transport transport) {
		this.transport = transport;
	}

	/**
	 * Registry calls through a client aimed at the nameserver.
	 * @param client the client, with the nameserver as base URI
	 * @return the calls
	 */
	public static NameserverApi of(OctoplaneClient client) {
		return new NameserverApi(client.transport());
	}

	/**
	 * One live entry by its exact name.
	 * @param name the name, such as {@code brain}
	 * @return the entry
	 * @throws OctoplaneApiException with code {@code name-not-found} if there is no live
	 * entry of that name
	 */
	public NameEntry query(String name) {
		return this.transport.send(
				this.transport.request(ApiPaths.NAME.replace("{name}", Transport.segment(name)), new StringJoiner("&"))
					.GET(),
				this.transport.requestTimeout(), NameEntry.class);
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
		return this.transport.send(this.transport.request(ApiPaths.NAMES, query).GET(), this.transport.requestTimeout(),
				NameListResponse.class);
	}

	/**
	 * How many live entries there are, in total and per kind.
	 * @return the counts
	 */
	public NameSummary summary() {
		return this.transport.send(this.transport.request(ApiPaths.NAME_SUMMARY, new StringJoiner("&")).GET(),
				this.transport.requestTimeout(), NameSummary.class);
	}

	/**
	 * The releases stored on the nameserver.
	 * @return the releases
	 */
	public ReleaseListResponse releases() {
		return this.transport.send(this.transport.request(ApiPaths.RELEASES, new StringJoiner("&")).GET(),
				this.transport.requestTimeout(), ReleaseListResponse.class);
	}

	/**
	 * Uploads a signed release package.
	 * @param component {@code tentacle} or {@code brain}
	 * @param version the release's version
	 * @param file the package
	 * @param sha256 the package's SHA-256, lower-case hex
	 * @param signature the release signature, Base64
	 * @param timeout how long the upload may take
	 * @return the stored release
	 * @throws OctoplaneApiException with code {@code release-checksum-mismatch} or
	 * {@code release-signature-invalid} if the nameserver refuses it
	 * @throws java.io.FileNotFoundException if the file does not exist
	 */
	public ReleaseInfo upload(String component, String version, Path file, String sha256, String signature,
			Duration timeout) throws FileNotFoundException {
		String path = ApiPaths.RELEASE.replace("{component}", Transport.segment(component))
			.replace("{version}", Transport.segment(version));
		return this.transport.send(this.transport.request(path, new StringJoiner("&"))
			.header("Content-Type", "application/octet-stream")
			.header(ApiPaths.SHA256_HEADER, sha256)
			.header(ApiPaths.SIGNATURE_HEADER, signature)
			.PUT(HttpRequest.BodyPublishers.ofFile(file)), timeout, ReleaseInfo.class);
	}

	private static void add(StringJoiner query, String parameter, @Nullable String value) {
		if (value != null) {
			query.add(parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
		}
	}

}
