package io.octoplane.nameserver.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLContext;

import io.octoplane.certs.PemPair;
import io.octoplane.certs.release.ReleaseKeys;
import io.octoplane.nameserver.NameserverApplication;
import io.octoplane.nameserver.NameserverTestProperties;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.testsupport.certs.CertFixtures;
import io.octoplane.testsupport.http.MalformedInputs;
import io.octoplane.testsupport.http.ProbedOperation;
import io.octoplane.testsupport.http.ProblemProbe;
import io.octoplane.testsupport.http.RawHttps;
import io.octoplane.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends every route of the nameserver (as its handler mapping lists them) malformed
 * input, with an operator certificate: bad JSON, wrong types, huge and empty values,
 * {@code ..}, {@code %00}, encoded slashes, unicode, and well-formed names and versions
 * that name nothing. No answer may be a 5xx, and every refusal must be a problem document
 * with a {@code code}, also for the requests Tomcat refuses before Spring sees them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=" + NameserverApplication.CONFIG_NAME)
class ApiRobustnessIT {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	static final Path dir;

	static final CertFixtures certs;

	static {
		try {
			dir = Files.createTempDirectory("octoplane-ns-robust-");
			certs = CertFixtures.create(dir.resolve("certs"));
			ReleaseKeys.write(dir.resolve("release-key.pem"), dir.resolve("release-key.pub.pem"),
					ReleaseKeys.generate(), false);
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		NameserverTestProperties.registerWithReleases(registry, redis, certs, dir);
	}

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void noRouteAnswersMalformedInputWithAServerError() throws Exception {
		ProblemProbe probe = new ProblemProbe(new RawHttps(operator(), this.port));
		int routes = 0;
		for (var entry : this.mappings.getHandlerMethods().entrySet()) {
			HandlerMethod handler = entry.getValue();
			if (!handler.getBeanType().getPackageName().startsWith("io.octoplane.nameserver")) {
				continue;
			}
			RequestMappingInfo info = entry.getKey();
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String template : info.getPatternValues()) {
				for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
					routes++;
					exercise(probe, method.name(), template, handler);
				}
			}
		}
		assertThat(routes).isGreaterThanOrEqualTo(8);
		assertThat(probe.sent()).isGreaterThan(200);
		assertThat(probe.failures()).as("%d requests sent", probe.sent()).isEmpty();
	}

	@Test
	void requestsTomcatRefusesAreProblems() throws Exception {
		ProblemProbe probe = new ProblemProbe(new RawHttps(operator(), this.port));
		for (String target : List.of("/%00", "/api/v1/names/%2F", "/api/v1/names/%5C", "/api/v1/names/%zz",
				"/api/v1/names/a%", "/api/v1/names/%C0%AF", "/api/v1/names/\u00e9", "/api/v1/../../etc/passwd",
				"/api/v1/names/a\u0001b", "*", "/api/v1/nothing-here")) {
			RawHttps.Response response = probe.send("GET", target, Map.of(), null);
			assertThat(response).as(target).isNotNull();
			assertThat(response.status()).as(target).isBetween(400, 499);
		}
		probe.send("GET", ApiPaths.NAMES, Map.of("X-Long", "a".repeat(20_000)), null);
		probe.send("GET", ApiPaths.NAMES + "?" + "a=b&".repeat(5000), Map.of(), null);
		probe.send("BREW", ApiPaths.NAMES, Map.of(), null);
		probe.send("GET", "/error", Map.of(), null);
		assertThat(probe.failures()).isEmpty();
	}

	private void exercise(ProblemProbe probe, String method, String template, HandlerMethod handler) {
		List<String> query = new ArrayList<>();
		List<String> headers = new ArrayList<>();
		boolean hasBody = false;
		for (MethodParameter parameter : handler.getMethodParameters()) {
			RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
			if (param != null) {
				query.add(param.name().isEmpty() ? parameter.getParameterName() : param.name());
			}
			RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
			if (header != null) {
				headers.add(header.name());
			}
			hasBody |= parameter.hasParameterAnnotation(RequestBody.class);
		}
		// The release upload reads the raw stream rather than a bound body.
		boolean upload = "PUT".equals(method) && ApiPaths.RELEASE.equals(template);
		Map<String, String> bodyHeaders = hasBody ? Map.of("Content-Type", "application/json")
				: upload ? Map.of("Content-Type", "application/octet-stream") : Map.of();
		byte[] plainBody = (hasBody || upload) ? MalformedInputs.bytes("{}") : null;
		ProbedOperation probed = new ProbedOperation(method, template, query, headers, bodyHeaders, plainBody,
				"tentacle", "1.0.0");
		probed.sendMalformed(probe, true);
		String base = probed.base();
		if (hasBody) {
			probe.send(method, base, bodyHeaders,
					MalformedInputs.bytes("{\"kind\":[1],\"addresses\":{},\"metadata\":[],\"ttl_seconds\":\"ten\"}"));
			for (String text : MalformedInputs.STRINGS) {
				String quoted = MalformedInputs.quote(text);
				probe.send(method, base, bodyHeaders, MalformedInputs.bytes("{\"kind\":" + quoted + ",\"addresses\":["
						+ quoted + "],\"metadata\":{" + quoted + ":" + quoted + "},\"ttl_seconds\":10}"));
			}
			for (String number : MalformedInputs.NUMBERS) {
				probe.send(method, base, bodyHeaders, MalformedInputs
					.bytes("{\"kind\":\"brain\",\"addresses\":[\"127.0.0.1:1\"],\"ttl_seconds\":" + number + "}"));
			}
		}
	}

	private static SSLContext operator() throws Exception {
		PemPair operator = certs.operator("robust-root");
		return PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert());
	}

}
