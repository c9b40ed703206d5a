package io.octoplane.certs;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IssueRequestTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:15:30.750Z");

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	@ParameterizedTest
	@ValueSource(strings = { "a", "node-1", "web01.eu-west.example", "N_2", "0abc" })
	void isValidName_accepted(String name) {
		assertThat(IssueRequest.isValidName(name)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "-node", ".node", "_node", "node 1", "node/1", "nöde", "node\n", "../etc",
			"a123456789012345678901234567890123456789012345678901234567890123" })
	void isValidName_rejected(String name) {
		assertThat(IssueRequest.isValidName(name)).isFalse();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> IssueRequest.of(CertificateRole.NODE, name, Duration.ofDays(1), this.clock))
			.withMessageContaining("invalid node name");
	}

	@Test
	void ofStartsBeforeNowBySkewTolerance() {
		IssueRequest request = IssueRequest.of(CertificateRole.NODE, "n1", Duration.ofDays(1), this.clock);
		assertThat(request.notBefore()).isEqualTo(Instant.parse("2026-11-22T10:10:30Z"));
		assertThat(request.notAfter()).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
		assertThat(request.keyType()).isEqualTo(KeyType.EC_P256);
		assertThat(request.dnsNames()).isEmpty();
		assertThat(request.ipAddresses()).isEmpty();
	}

	@Test
	void ofRejectsNonPositiveValidity() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> IssueRequest.of(CertificateRole.NODE, "n1", Duration.ZERO, this.clock));
	}

	@Test
	void withValidityRejectsEmptyWindow() {
		IssueRequest request = IssueRequest.of(CertificateRole.NODE, "n1", Duration.ofDays(1), this.clock);
		assertThatIllegalArgumentException().isThrownBy(() -> request.withValidity(NOW, NOW))
			.withMessageContaining("must be after");
	}

	@Test
	void withSubjectAlternativeNamesSplitsIpsFromDnsNames() throws Exception {
		IssueRequest request = IssueRequest.of(CertificateRole.BRAIN, "brain", Duration.ofDays(1), this.clock)
			.withSubjectAlternativeNames("localhost", "127.0.0.1", "::1", "[fe80::1]", "brain.example.com",
					"*.brain.example.com", "localhost", "10.1.2.3");
		assertThat(request.dnsNames()).containsExactly("localhost", "brain.example.com", "*.brain.example.com");
		assertThat(request.ipAddresses()).containsExactly(InetAddress.getByName("127.0.0.1"),
				InetAddress.getByName("::1"), InetAddress.getByName("fe80::1"), InetAddress.getByName("10.1.2.3"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "bad name", "under_score.example", "-lead.example", "a..b", "" })
	void withSubjectAlternativeNames_invalidDnsName_throws(String name) {
		IssueRequest request = IssueRequest.of(CertificateRole.BRAIN, "brain", Duration.ofDays(1), this.clock);
		assertThatIllegalArgumentException().isThrownBy(() -> request.withSubjectAlternativeNames(name))
			.withMessageContaining("invalid DNS name");
	}

	@Test
	void withSubjectAlternativeNames_invalidIp_throws() {
		IssueRequest request = IssueRequest.of(CertificateRole.BRAIN, "brain", Duration.ofDays(1), this.clock);
		assertThatIllegalArgumentException().isThrownBy(() -> request.withSubjectAlternativeNames("1:2:3:4:5:6:7:8:9"))
			.withMessageContaining("invalid IP address");
	}

	@Test
	void parseKeyType() {
		assertThat(KeyType.parse("ec")).isEqualTo(KeyType.EC_P256);
		assertThat(KeyType.parse("RSA")).isEqualTo(KeyType.RSA_3072);
		assertThat(KeyType.parse("rsa-3072")).isEqualTo(KeyType.RSA_3072);
		assertThatIllegalArgumentException().isThrownBy(() -> KeyType.parse("dsa")).withMessageContaining("dsa");
	}

}
