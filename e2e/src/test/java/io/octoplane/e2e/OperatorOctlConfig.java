package io.octoplane.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.octoplane.certs.PemPair;
import io.octoplane.testsupport.certs.CertFixtures;

/**
 * The octl.yaml an operator ("alice", a certificate of the test PKI) uses against a brain
 * of the test.
 */
final class OperatorOctlConfig {

	private OperatorOctlConfig() {
	}

	/**
	 * Writes {@code octl.yaml} into a folder.
	 * @param folder where it goes
	 * @param certs the test PKI
	 * @param brainUri the brain's API, e.g. {@code https://127.0.0.1:PORT}
	 * @param extraLines further lines, such as {@code timeout: 30s}
	 * @return the file
	 */
	static Path write(Path folder, CertFixtures certs, String brainUri, String... extraLines) throws IOException {
		PemPair operator = certs.operator("alice");
		StringBuilder yaml = new StringBuilder("brain: " + brainUri + "\ncert: " + operator.certificate() + "\nkey: "
				+ operator.privateKey() + "\nca: " + certs.caCert() + "\n");
		for (String line : extraLines) {
			yaml.append(line).append('\n');
		}
		return Files.writeString(folder.resolve("octl.yaml"), yaml);
	}

}
