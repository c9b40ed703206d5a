package io.octoplane.upgrade;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

import io.octoplane.certs.release.ReleaseKeys;
import io.octoplane.certs.release.ReleaseSignature;
import io.octoplane.protocol.digest.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class ReleaseInstallerTests {

	@TempDir
	Path dir;

	@Test
	void verifyAcceptsPackageSignedForThisVersion() throws Exception {
		KeyPair key = ReleaseKeys.generate();
		Path file = Files.writeString(this.dir.resolve("pkg"), "tentacle 1.1.0");
		String sha = Sha256.of(file);
		String signature = ReleaseSignature.sign(key.getPrivate(), "tentacle", "1.1.0", sha);
		assertThatNoException().isThrownBy(() -> ReleaseInstaller.verify(UpgradeComponent.TENTACLE, file, "1.1.0", sha,
				signature, key.getPublic()));
	}

	@Test
	void verifyRefusesBadChecksum() throws Exception {
		KeyPair key = ReleaseKeys.generate();
		Path file = Files.writeString(this.dir.resolve("pkg"), "tampered on the way");
		String stated = Sha256.of("original");
		String signature = ReleaseSignature.sign(key.getPrivate(), "tentacle", "1.1.0", stated);
		assertThatIOException()
			.isThrownBy(() -> ReleaseInstaller.verify(UpgradeComponent.TENTACLE, file, "1.1.0", stated, signature,
					key.getPublic()))
			.withMessageStartingWith("checksum mismatch: tentacle 1.1.0 has SHA-256 " + Sha256.of(file));
	}

	@Test
	void verifyRefusesSignatureOfAnotherKeyOrVersion() throws Exception {
		KeyPair trusted = ReleaseKeys.generate();
		KeyPair other = ReleaseKeys.generate();
		Path file = Files.writeString(this.dir.resolve("pkg"), "tentacle 1.1.0");
		String sha = Sha256.of(file);
		String foreign = ReleaseSignature.sign(other.getPrivate(), "tentacle", "1.1.0", sha);
		assertThatIOException()
			.isThrownBy(() -> ReleaseInstaller.verify(UpgradeComponent.TENTACLE, file, "1.1.0", sha, foreign,
					trusted.getPublic()))
			.withMessageStartingWith("bad signature: tentacle 1.1.0");
		String forOlder = ReleaseSignature.sign(trusted.getPrivate(), "tentacle", "1.0.0", sha);
		assertThatIOException()
			.isThrownBy(() -> ReleaseInstaller.verify(UpgradeComponent.TENTACLE, file, "1.1.0", sha, forOlder,
					trusted.getPublic()))
			.withMessageStartingWith("bad signature");
	}

	@Test
	void verifyRefusesTentaclePackageAsBrainRelease() throws Exception {
		KeyPair key = ReleaseKeys.generate();
		Path file = Files.writeString(this.dir.resolve("pkg"), "tentacle 1.1.0");
		String sha = Sha256.of(file);
		String signature = ReleaseSignature.sign(key.getPrivate(), "tentacle", "1.1.0", sha);
		assertThatExceptionOfType(ReleaseRejectedException.class)
			.isThrownBy(() -> ReleaseInstaller.verify(UpgradeComponent.BRAIN, file, "1.1.0", sha, signature,
					key.getPublic()))
			.withMessage("bad signature: brain 1.1.0 is not signed by the release key this brain trusts; not installed")
			.extracting(ReleaseRejectedException::reason)
			.isEqualTo(ReleaseRejectedException.Reason.BAD_SIGNATURE);
	}

}
