package io.octoplane.protocol.digest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class Sha256Tests {

	// FIPS 180-2 test vectors.
	private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

	private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

	@TempDir
	Path temp;

	@Test
	void bytesTextStreamAndFileAgree() throws IOException {
		byte[] abc = "abc".getBytes(StandardCharsets.UTF_8);
		Path file = Files.write(this.temp.resolve("abc"), abc);
		assertThat(Sha256.of(abc)).isEqualTo(ABC);
		assertThat(Sha256.of("abc")).isEqualTo(ABC);
		assertThat(Sha256.of(new ByteArrayInputStream(abc))).isEqualTo(ABC);
		assertThat(Sha256.of(file)).isEqualTo(ABC);
	}

	@Test
	void emptyContentHasTheEmptyDigest() throws IOException {
		assertThat(Sha256.of(Files.createFile(this.temp.resolve("empty")))).isEqualTo(EMPTY);
		assertThat(Sha256.of(new byte[0])).isEqualTo(EMPTY);
	}

	@Test
	void filesLargerThanOneBufferAreReadWhole() throws IOException {
		byte[] large = new byte[200_000];
		for (int i = 0; i < large.length; i++) {
			large[i] = (byte) i;
		}
		Path file = Files.write(this.temp.resolve("large"), large);
		assertThat(Sha256.of(file)).isEqualTo(Sha256.of(large)).hasSize(64).matches("[0-9a-f]{64}");
	}

	@Test
	void aDigestFedOnTheWayGivesTheSameHex() throws IOException {
		MessageDigest digest = Sha256.newDigest();
		try (DigestInputStream in = new DigestInputStream(new ByteArrayInputStream("abc".getBytes()), digest)) {
			in.readAllBytes();
		}
		assertThat(Sha256.hex(digest)).isEqualTo(ABC);
	}

	@Test
	void of_missingFile() {
		assertThatIOException().isThrownBy(() -> Sha256.of(this.temp.resolve("missing")));
	}

}
