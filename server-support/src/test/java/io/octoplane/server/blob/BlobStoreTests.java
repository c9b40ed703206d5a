package io.octoplane.server.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.octoplane.protocol.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BlobStoreTests {

	private static final byte[] CONTENT = "hello".getBytes(StandardCharsets.UTF_8);

	private static final String SHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

	@TempDir
	Path root;

	@Test
	void storedBlobIsFoundByItsDigest() throws IOException {
		BlobStore store = new BlobStore(this.root, "test.limit");
		StoredBlob blob = store.store(new ByteArrayInputStream(CONTENT), 100);
		assertThat(blob).isEqualTo(new StoredBlob(SHA256, CONTENT.length));
		assertThat(store.find(SHA256)).hasValueSatisfying((path) -> assertThat(path).hasBinaryContent(CONTENT));
		assertThat(this.root.resolve("2c").resolve(SHA256)).exists();
		assertThat(incoming()).isEmpty();
	}

	@Test
	void discardedStageLeavesNothing() throws IOException {
		BlobStore store = new BlobStore(this.root, "test.limit");
		BlobStore.Staged staged = store.stage(new ByteArrayInputStream(CONTENT), 100);
		assertThat(staged.sha256()).isEqualTo(SHA256);
		assertThat(store.find(SHA256)).isEmpty();
		store.discard(staged);
		assertThat(incoming()).isEmpty();
		assertThat(store.find(SHA256)).isEmpty();
	}

	@Test
	void contentOverTheLimitIsRefusedAndLeavesNothing() throws IOException {
		BlobStore store = new BlobStore(this.root, "test.limit");
		assertThatExceptionOfType(BlobTooLargeException.class)
			.isThrownBy(() -> store.store(new ByteArrayInputStream(CONTENT), 4))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
				assertThat(ex.getMessage()).contains("test.limit");
			});
		assertThat(incoming()).isEmpty();
	}

	@Test
	void textThatIsNoDigestFindsNothing() throws IOException {
		BlobStore store = new BlobStore(this.root, "test.limit");
		assertThat(store.find("../../etc/passwd")).isEmpty();
		assertThat(store.find("")).isEmpty();
		assertThat(store.find(SHA256.toUpperCase())).isEmpty();
	}

	private Stream<Path> incoming() throws IOException {
		return Files.list(this.root.resolve("incoming")).toList().stream();
	}

}
