package io.octoplane.certs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a {@link CertificateAuthority} should issue: role, name, subject alternative
 * names, validity window and the type of key to generate. Start from
 * {@link #of(CertificateRole, String, Duration, Clock)} and refine with the {@code with}
 * methods; every instance is validated when built.
 *
 * @param role the role written into the subject OU and extended key usage
 * @param commonName the subject CN: node, operator or server name, see
 * {@link #isValidName}
 * @param dnsNames DNS subject alternative names, may be empty (only servers need them)
 * @param ipAddresses IP address subject alternative names, may be empty
 * @param notBefore start of validity; certificates store whole seconds, so it is
 * truncated
 * @param notAfter end of validity, after {@code notBefore}; truncated to whole seconds
 * @param keyType the type of key pair to generate for the certificate
 */
public record IssueRequest(CertificateRole role, String commonName, List<String> dnsNames,
		List<InetAddress> ipAddresses, Instant notBefore, Instant notAfter, KeyType keyType) {

	/**
	 * How far before "now" a new certificate becomes valid, so that a peer whose clock is
	 * a little behind does not reject a certificate issued a second ago.
	 */
	public static final Duration CLOCK_SKEW_TOLERANCE = Duration.ofMinutes(5);

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

	// A DNS label list with an optional leading
	// wildcard label; length limits per RFC 1035.
	private static final Pattern DNS_NAME = Pattern.compile(
			"(\\*\\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

	private static final Pattern IPV4 = Pattern
		.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

	public IssueRequest {
		Objects.requireNonNull(role, "role must not be null");
		Objects.requireNonNull(commonName, "commonName must not be null");
		Objects.requireNonNull(notBefore, "notBefore must not be null");
		Objects.requireNonNull(notAfter, "notAfter must not be null");
		Objects.requireNonNull(keyType, "keyType must not be null");
		if (!isValidName(commonName)) {
			throw new IllegalArgumentException("invalid " + role.ou() + " name '" + commonName
					+ "': use 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit");
		}
		dnsNames = List.copyOf(dnsNames);
		ipAddresses = List.copyOf(ipAddresses);
		for (String dnsName : dnsNames) {
			if (!isValidDnsName(dnsName)) {
				throw new IllegalArgumentException("invalid DNS name '" + dnsName + "'");
			}
		}
		notBefore = notBefore.truncatedTo(ChronoUnit.SECONDS);
		notAfter = notAfter.truncatedTo(ChronoUnit.SECONDS);
		if (!notAfter.isAfter(notBefore)) {
			throw new IllegalArgumentException("notAfter " + notAfter + " must be after notBefore " + notBefore);
		}
	}

	/**
	 * Starts a request for a certificate valid from {@link #CLOCK_SKEW_TOLERANCE} before
	 * now until {@code validity} after now, with an {@link KeyType#EC_P256} key and no
	 * subject alternative names.
	 * @param role the role
	 * @param commonName the node, operator or server name
	 * @param validity how long from now the certificate stays valid; positive
	 * @param clock the clock that says what "now" is
	 * @return the request
	 * @throws IllegalArgumentException if the name is invalid or the validity not
	 * positive
	 */
	public static IssueRequest of(CertificateRole role, String commonName, Duration validity, Clock clock) {
		if (validity.isNegative() || validity.isZero()) {
			throw new IllegalArgumentException("validity must be positive");
		}
		Instant now = clock.instant();
		return new IssueRequest(role, commonName, List.of(), List.of(), now.minus(CLOCK_SKEW_TOLERANCE),
				now.plus(validity), KeyType.EC_P256);
	}

	/**
	 * Adds subject alternative names: values that are IP address literals (IPv4 dotted
	 * quad or IPv6) become IP SANs, everything else a DNS SAN. Duplicates are dropped.
	 * @param names host names and IP addresses, such as {@code localhost} or {@code ::1}
	 * @return a new request with the names added
	 * @throws IllegalArgumentException if a name is neither a DNS name nor an IP literal
	 */
	public IssueRequest withSubjectAlternativeNames(Collection<String> names) {
		List<String> dns = new ArrayList<>(this.dnsNames);
		List<InetAddress> ips = new ArrayList<>(this.ipAddresses);
		for (String name : names) {
			Optional<InetAddress> ip = parseIpLiteral(name);
			if (ip.isPresent()) {
				if (!ips.contains(ip.get())) {
					ips.add(ip.get());
				}
			}
			else if (!dns.contains(name)) {
				dns.add(name);
			}
		}
		return new IssueRequest(this.role, this.commonName, dns, ips, this.notBefore, this.notAfter, this.keyType);
	}

	/**
	 * Adds subject alternative names, see
	 * {@link #withSubjectAlternativeNames(Collection)}.
	 * @param names host names and IP addresses
	 * @return a new request with the names added
	 * @throws IllegalArgumentException if a name is neither a DNS name nor an IP literal
	 */
	public IssueRequest withSubjectAlternativeNames(String... names) {
		return withSubjectAlternativeNames(List.of(names));
	}

	/**
	 * Replaces the validity window.
	 * @param notBefore start of validity
	 * @param notAfter end of validity, after {@code notBefore}
	 * @return a new request
	 * @throws IllegalArgumentException if the window is empty
	 */
	public IssueRequest withValidity(Instant notBefore, Instant notAfter) {
		return new IssueRequest(this.role, this.commonName, this.dnsNames, this.ipAddresses, notBefore, notAfter,
				this.keyType);
	}

	/**
	 * Replaces the key type.
	 * @param keyType the type of key pair to generate
	 * @return a new request
	 */
	public IssueRequest withKeyType(KeyType keyType) {
		return new IssueRequest(this.role, this.commonName, this.dnsNames, this.ipAddresses, this.notBefore,
				this.notAfter, keyType);
	}

	/**
	 * Whether a text is acceptable as a node, operator or server name: 1 to 63 ASCII
	 * letters, digits, dots, underscores or hyphens, starting with a letter or digit. The
	 * name ends up in file names, log lines and Redis keys, so anything else is refused.
	 * @param name the candidate name
	 * @return whether it may be used as a certificate common name
	 */
	public static boolean isValidName(String name) {
		return NAME.matcher(name).matches();
	}

	/**
	 * Whether a text is acceptable as a DNS subject alternative name: dot-separated
	 * labels of letters, digits and inner hyphens, optionally starting with a {@code *.}
	 * wildcard.
	 * @param name the candidate host name
	 * @return whether it may be used as a DNS SAN
	 */
	public static boolean isValidDnsName(String name) {
		return name.length() <= 253 && DNS_NAME.matcher(name).matches();
	}

	/**
	 * Parses an IP address literal without ever asking DNS.
	 */
	static Optional<InetAddress> parseIpLiteral(String text) {
		String candidate = (text.startsWith("[") && text.endsWith("]")) ? text.substring(1, text.length() - 1) : text;
		if (!IPV4.matcher(candidate).matches() && !IPV6.matcher(candidate).matches()) {
			return Optional.empty();
		}
		try {
			// Only literals reach this point, and InetAddress parses literals locally.
			return Optional.of(InetAddress.getByName(candidate));
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("invalid IP address '" + text + "'", ex);
		}
	}

}
