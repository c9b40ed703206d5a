package io.octoplane.brain.file;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.net.ssl.SSLContext;

import io.octoplane.brain.BrainIntegrationTest;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.certs.PemPair;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.file.FileListing;
import io.octoplane.protocol.file.TarArchives;
import io.octoplane.protocol.tls.PemTls;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The brain's file store over real HTTPS: trees with a depth, files by path, each
 * workgroup in its own folder, and every way out of the store refused.
 */
class BrainFileStoreIT extends BrainIntegrationTest {

	@LocalServerPort
	int port;

	@TempDir
	Path scratch;

	@Autowired
	BrainFileStore store;

	@Autowired
	WorkgroupService workgroups;

	@Autowired
	JsonMapper json;

	@BeforeEach
	void files() throws Exception {
		Path root = this.store.root();
		Files.createDirectories(root.resolve("fs-docs/sub"));
		Files.writeString(root.resolve("fs-docs/a.txt"), "alpha");
		Files.writeString(root.resolve("fs-docs/sub/b.txt"), "bravo");
		Files.createDirectories(root.resolve("fs-lab"));
		Files.writeString(root.resolve("fs-lab/lab.txt"), "lab only");
		Path escape = root.resolve("fs-escape");
		if (!Files.exists(escape, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			Files.createSymbolicLink(escape, Path.of("/etc"));
		}
		this.workgroups.enroll("/fs-lab", "fs-node");
	}

	@Test
	void listsATreeWithDepth() throws Exception {
		FileListing every = list("fs-docs", 0, null);
		assertThat(every.path()).isEqualTo("@fstore/fs-docs");
		assertThat(every.entries()).extracting(FileListing.Entry::name).containsExactly("a.txt", "sub", "sub/b.txt");
		assertThat(every.entries().get(0).sizeBytes()).isEqualTo(5);
		assertThat(list("@fstore/fs-docs", 1, null).entries()).extracting(FileListing.Entry::name)
			.containsExactly("a.txt", "sub");
		HttpResponse<String> tooDeep = get(ApiPaths.FILE_STORE + "?path=fs-docs&depth=65", null);
		assertThat(tooDeep.statusCode()).isEqualTo(400);
	}

	@Test
	void downloadsAFileByPath() throws Exception {
		HttpResponse<String> file = get(ApiPaths.FILE_STORE_CONTENT + "?path=" + encode("fs-docs/sub/b.txt"), null);
		assertThat(file.statusCode()).isEqualTo(200);
		assertThat(file.body()).isEqualTo("bravo");
		assertThat(get(ApiPaths.FILE_STORE_CONTENT + "?path=" + encode("@fstore/fs-docs/a.txt"), null).body())
			.isEqualTo("alpha");
		HttpResponse<String> missing = get(ApiPaths.FILE_STORE_CONTENT + "?path=fs-docs/none", null);
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(file.headers().firstValue(ApiPaths.FILE_KIND_HEADER)).hasValue("file");
	}

	@Test
	void downloadsAFolderAsTar() throws Exception {
		HttpResponse<InputStream> folder = send(ApiPaths.FILE_STORE_CONTENT + "?path=fs-docs", null,
				HttpResponse.BodyHandlers.ofInputStream());
		assertThat(folder.statusCode()).isEqualTo(200);
		assertThat(folder.headers().firstValue(ApiPaths.FILE_KIND_HEADER)).hasValue("directory");
		Path unpacked = this.scratch;
		try (InputStream tar = folder.body()) {
			TarArchives.unpack(tar, unpacked.resolve("docs"));
		}
		assertThat(unpacked.resolve("docs/a.txt")).hasContent("alpha");
		assertThat(unpacked.resolve("docs/sub/b.txt")).hasContent("bravo");
	}

	@Test
	void pathsOutOfTheStoreAreRefused() throws Exception {
		for (String escape : new String[] { "../x", "fs-docs/../../x", "fs-escape/passwd", "@root/etc/passwd" }) {
			HttpResponse<String> content = get(ApiPaths.FILE_STORE_CONTENT + "?path=" + encode(escape), null);
			assertThat(content.statusCode()).as(escape).isEqualTo(400);
			assertThat(content.body()).as(escape).contains("\"code\":\"invalid-request\"").doesNotContain("root:");
		}
		HttpResponse<String> listing = get(ApiPaths.FILE_STORE + "?path=" + encode("fs-escape"), null);
		assertThat(listing.statusCode()).isEqualTo(400);
		assertThat(listing.body()).contains("leaves the brain's file store");
	}

	@Test
	void aWorkgroupSeesOnlyItsOwnFolder() throws Exception {
		FileListing lab = list("", 0, "/fs-lab");
		assertThat(lab.path()).isEqualTo("@fstore");
		assertThat(lab.entries()).extracting(FileListing.Entry::name).containsExactly("lab.txt");
		assertThat(get(ApiPaths.FILE_STORE_CONTENT + "?path=lab.txt", "/fs-lab").body()).isEqualTo("lab only");
		HttpResponse<String> sibling = get(ApiPaths.FILE_STORE_CONTENT + "?path=" + encode("../fs-docs/a.txt"),
				"/fs-lab");
		assertThat(sibling.statusCode()).isEqualTo(400);
		assertThat(get(ApiPaths.FILE_STORE_CONTENT + "?path=" + encode("/fs-docs/a.txt"), "/fs-lab").statusCode())
			.isEqualTo(404);
	}

	private FileListing list(String path, int depth, @Nullable String workgroup) throws Exception {
		HttpResponse<String> response = get(ApiPaths.FILE_STORE + "?path=" + encode(path) + "&depth=" + depth,
				workgroup);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readValue(response.body(), FileListing.class);
	}

	private HttpResponse<String> get(String pathAndQuery, @Nullable String workgroup) throws Exception {
		return send(pathAndQuery, workgroup, HttpResponse.BodyHandlers.ofString());
	}

	private <T> HttpResponse<T> send(String pathAndQuery, @Nullable String workgroup, HttpResponse.BodyHandler<T> body)
			throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("https://localhost:" + this.port + pathAndQuery));
		if (workgroup != null) {
			request.header(ApiPaths.WORKGROUP_HEADER, workgroup);
		}
		PemPair operator = certs.operator("store");
		SSLContext context = PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert());
		return HttpClient.newBuilder().sslContext(context).build().send(request.GET().build(), body);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
