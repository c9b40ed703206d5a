package io.octoplane.certs.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import javax.net.ssl.SSLContext;

import io.octoplane.certs.CertificateRole;
import io.octoplane.certs.KeyType;
import io.octoplane.certs.PemFiles;
import io.octoplane.protocol.tls.PemTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class CertsCommandTests {

	@TempDir
	Path dir;

	private final StringWriter out = new StringWriter();

	private final StringWriter err = new StringWriter();

	@Test
	void issuesAFleetThatPemTlsCanUse() throws Exception {
		Path pki = this.dir.resolve("pki");
		assertThat(run("ca", "--out", pki.toString())).isZero();
		assertThat(run("server", "brain", "--ca-dir", pki.toString(), "--out", pki.toString())).isZero();
		assertThat(run("server", "ns1", "--role", "nameserver", "--san", "ns.example.com", "--san", "10.0.0.7",
				"--ca-dir", pki.toString(), "--out", pki.toString()))
			.isZero();
		assertThat(
				run("node", "web-01", "web-02", "--ca-dir", pki.toString(), "--out", pki.resolve("nodes").toString()))
			.isZero();
		assertThat(run("client", "alice", "--ca-dir", pki.toString(), "--out", pki.toString())).isZero();
		assertThat(this.err.toString()).isEmpty();

		X509Certificate ca = PemFiles.readCertificate(pki.resolve("ca.pem"));
		assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=Octoplane CA");
		X509Certificate brain = read(pki.resolve("brain.pem"), ca);
		assertThat(CertificateRole.of(brain)).contains(CertificateRole.BRAIN);
		assertThat(brain.getSubjectAlternativeNames()).containsExactly(List.of(2, "localhost"), List.of(2, "brain"),
				List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
		X509Certificate nameserver = read(pki.resolve("ns1.pem"), ca);
		assertThat(CertificateRole.of(nameserver)).contains(CertificateRole.NAMESERVER);
		assertThat(nameserver.getSubjectAlternativeNames()).containsExactly(List.of(2, "ns.example.com"),
				List.of(2, "ns1"), List.of(7, "10.0.0.7"));
		for (String node : List.of("web-01", "web-02")) {
			X509Certificate certificate = read(pki.resolve("nodes/" + node + ".pem"), ca);
			assertThat(CertificateRole.of(certificate)).contains(CertificateRole.NODE);
			assertThat(CertificateRole.commonName(certificate)).isEqualTo(node);
		}
		assertThat(CertificateRole.of(read(pki.resolve("alice.pem"), ca))).contains(CertificateRole.OPERATOR);

		SSLContext server = PemTls.serverContext(pki.resolve("brain.pem"), pki.resolve("brain-key.pem"),
				pki.resolve("ca.pem"));
		SSLContext client = PemTls.clientContext(pki.resolve("nodes/web-01.pem"), pki.resolve("nodes/web-01-key.pem"),
				pki.resolve("ca.pem"));
		assertThat(server.getProtocol()).isEqualTo("TLS");
		assertThat(client.getProtocol()).isEqualTo("TLS");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.resolve("ca-key.pem"))))
			.isEqualTo("rw-------");
	}

	@Test
	void caHonoursNameDaysAndKeyType() throws Exception {
		Instant now = Instant.parse("2026-11-22T10:00:00Z");
		assertThat(run(Clock.fixed(now, ZoneOffset.UTC), "ca", "--out", this.dir.toString(), "--cn", "Lab CA", "--days",
				"30", "--key-type", "rsa"))
			.isZero();
		X509Certificate ca = PemFiles.readCertificate(this.dir.resolve("ca.pem"));
		assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=Lab CA");
		assertThat(ca.getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofDays(30)));
		assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("RSA");
		assertThat(this.out.toString()).contains("Created CA 'Lab CA'").contains("ca-key.pem");
	}

	@Test
	void refusesToOverwriteWithoutForce() throws Exception {
		assertThat(run("ca", "--out", this.dir.toString())).isZero();
		X509Certificate original = PemFiles.readCertificate(this.dir.resolve("ca.pem"));
		assertThat(run("ca", "--out", this.dir.toString())).isEqualTo(1);
		assertThat(this.err.toString()).contains("refusing to overwrite")
			.contains(this.dir.resolve("ca-key.pem").toString())
			.contains("--force")
			.doesNotContain("Exception")
			.doesNotContain("\tat ");
		assertThat(PemFiles.readCertificate(this.dir.resolve("ca.pem"))).isEqualTo(original);

		assertThat(run("ca", "--out", this.dir.toString(), "--force")).isZero();
		assertThat(PemFiles.readCertificate(this.dir.resolve("ca.pem"))).isNotEqualTo(original);
	}

	@Test
	void nodeBatchWritesNothingWhenOneFileExists() throws Exception {
		assertThat(run("ca", "--out", this.dir.toString())).isZero();
		Path out = this.dir.resolve("nodes");
		assertThat(run("node", "b", "--ca-dir", this.dir.toString(), "--out", out.toString())).isZero();
		assertThat(run("node", "a", "b", "--ca-dir", this.dir.toString(), "--out", out.toString())).isEqualTo(1);
		assertThat(this.err.toString()).contains("refusing to overwrite").contains("b-key.pem");
		assertThat(out.resolve("a.pem")).doesNotExist();
		assertThat(run("node", "a", "b", "--ca-dir", this.dir.toString(), "--out", out.toString(), "--force")).isZero();
		assertThat(out.resolve("a.pem")).exists();
	}

	@Test
	void invalidNodeNameIsInvalidInput() throws Exception {
		assertThat(run("ca", "--out", this.dir.toString())).isZero();
		assertThat(run("node", "ok", "../etc", "--ca-dir", this.dir.toString(), "--out", this.dir.toString()))
			.isEqualTo(2);
		assertThat(this.err.toString()).contains("invalid node name '../etc'");
		assertThat(this.dir.resolve("ok.pem")).doesNotExist();
	}

	@Test
	void usageErrorsExitWithTwo() {
		assertThat(run()).isEqualTo(2);
		assertThat(run("node", "n1")).as("missing --ca-dir").isEqualTo(2);
		assertThat(this.err.toString()).contains("--ca-dir");
		assertThat(run("ca", "--out", this.dir.toString(), "--key-type", "dsa")).isEqualTo(2);
		assertThat(this.err.toString()).contains("unknown key type 'dsa'");
		assertThat(run("server", "x", "--role", "node", "--ca-dir", this.dir.toString())).isEqualTo(2);
		assertThat(run("client", "alice", "--days", "0", "--ca-dir", this.dir.toString())).isEqualTo(2);
		assertThat(this.err.toString()).contains("--days must be positive");
	}

	@Test
	void missingCaIsAFailureWithoutStackTrace() {
		assertThat(run("client", "alice", "--ca-dir", this.dir.resolve("none").toString())).isEqualTo(1);
		assertThat(this.err.toString()).contains("no such file")
			.contains("ca.pem")
			.contains("certs ca --out")
			.doesNotContain("\tat ");
	}

	@Test
	void stacktraceOptionPrintsTrace() {
		assertThat(run("client", "alice", "-x", "--ca-dir", this.dir.resolve("none").toString())).isEqualTo(1);
		assertThat(this.err.toString()).contains("NoSuchFileException").contains("\tat ");
	}

	@Test
	void showPrintsRoleNamesAndFingerprint() throws Exception {
		Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
		assertThat(run(clock, "ca", "--out", this.dir.toString())).isZero();
		assertThat(run(clock, "server", "brain", "--san", "10.1.2.3", "--ca-dir", this.dir.toString(), "--out",
				this.dir.toString()))
			.isZero();
		this.out.getBuffer().setLength(0);
		assertThat(run(clock, "show", this.dir.resolve("brain.pem").toString())).isZero();
		assertThat(this.out.toString()).contains("Subject:     CN=brain,OU=brain")
			.contains("Issuer:      CN=Octoplane CA")
			.contains("Role:        brain")
			.contains("Not after:   2029-02-24T10:00:00Z (valid, 825 days left)")
			.contains("SANs:        DNS:brain, IP:10.1.2.3")
			.contains("Key:         EC 256 bits")
			.containsPattern("SHA-256:     ([0-9A-F]{2}:){31}[0-9A-F]{2}");

		this.out.getBuffer().setLength(0);
		Clock later = Clock.offset(clock, Duration.ofDays(900));
		assertThat(run(later, "show", this.dir.resolve("ca.pem").toString())).isZero();
		assertThat(this.out.toString()).contains("Role:        certificate authority").contains("SANs:        none");
		assertThat(run(later, "show", this.dir.resolve("brain.pem").toString())).isZero();
		assertThat(this.out.toString()).contains("(expired)");
	}

	@Test
	void helpAndVersion() {
		assertThat(run("--help")).isZero();
		assertThat(this.out.toString()).contains("Usage: certs").contains("Exit status");
		assertThat(run("server", "--help")).isZero();
		assertThat(this.out.toString()).contains("--san").contains("subject");
		assertThat(run("--version")).isZero();
		assertThat(this.out.toString()).contains("certs (Octoplane)");
	}

	@Test
	void keyTypeOptionAppliesToIssuedKeys() throws Exception {
		assertThat(run("ca", "--out", this.dir.toString())).isZero();
		assertThat(run("client", "bob", "--key-type", "rsa", "--ca-dir", this.dir.toString(), "--out",
				this.dir.toString()))
			.isZero();
		assertThat(PemFiles.readPrivateKey(this.dir.resolve("bob-key.pem")).getAlgorithm())
			.isEqualTo(KeyType.RSA_3072.name().substring(0, 3));
	}

	private int run(String... args) {
		return run(Clock.systemUTC(), args);
	}

	private int run(Clock clock, String... args) {
		return new CommandLine(new CertsCommand(clock)).setOut(new PrintWriter(this.out, true))
			.setErr(new PrintWriter(this.err, true))
			.execute(args);
	}

	private static X509Certificate read(Path file, X509Certificate ca) throws Exception {
		X509Certificate certificate = PemFiles.readCertificate(file);
		certificate.verify(ca.getPublicKey());
		return certificate;
	}

}
