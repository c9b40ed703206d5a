package io.octoplane.certs.release;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.KeyPair;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ReleaseSignatureTests {

	private static final String SHA = "a".repeat(64);

	@TempDir
	Path dir;

	@Test
	void signatureVerifiesWithKeysReadBackFromPem() throws Exception {
		KeyPair pair = ReleaseKeys.generate();
		ReleaseKeys.write(this.dir.resolve("k.pem"), this.dir.resolve("k.pub.pem"), pair, false);
		String signature = ReleaseSignature.sign(ReleaseKeys.readPrivateKey(this.dir.resolve("k.pem")), "tentacle",
				"1.0.0", SHA);
		assertThat(ReleaseSignature.verify(ReleaseKeys.readPublicKey(this.dir.resolve("k.pub.pem")), "tentacle",
				"1.0.0", SHA, signature))
			.isTrue();
	}

	@Test
	void signatureBindsComponentVersionAndHash() throws Exception {
		KeyPair pair = ReleaseKeys.generate();
		String signature = ReleaseSignature.sign(pair.getPrivate(), "tentacle", "1.0.0", SHA);
		assertThat(ReleaseSignature.verify(pair.getPublic(), "brain", "1.0.0", SHA, signature)).isFalse();
		assertThat(ReleaseSignature.verify(pair.getPublic(), "tentacle", "1.0.1", SHA, signature)).isFalse();
		assertThat(ReleaseSignature.verify(pair.getPublic(), "tentacle", "1.0.0", "b".repeat(64), signature)).isFalse();
		assertThat(ReleaseSignature.verify(ReleaseKeys.generate().getPublic(), "tentacle", "1.0.0", SHA, signature))
			.isFalse();
		assertThat(ReleaseSignature.verify(pair.getPublic(), "tentacle", "1.0.0", SHA, "not base64!")).isFalse();
	}

	@Test
	void existingKeyIsNotOverwritten() throws Exception {
		ReleaseKeys.write(this.dir.resolve("k.pem"), this.dir.resolve("k.pub.pem"), ReleaseKeys.generate(), false);
		assertThatExceptionOfType(FileAlreadyExistsException.class).isThrownBy(() -> ReleaseKeys
			.write(this.dir.resolve("k.pem"), this.dir.resolve("k.pub.pem"), ReleaseKeys.generate(), false));
	}

}
