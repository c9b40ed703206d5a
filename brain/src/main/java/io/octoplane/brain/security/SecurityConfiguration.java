package io.octoplane.brain.security;

import java.time.Clock;
import java.util.List;

import io.octoplane.brain.audit.AuditLog;
import io.octoplane.brain.metrics.Refusals;
import io.octoplane.brain.token.TokenService;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.server.security.ManagementPortChain;
import io.octoplane.server.web.ProblemWriter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.preauth.x509.X509AuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The brain's Spring Security filter chains, one per door on the API port: the console
 * ({@code /ui/**}: form login, session, CSRF, a strict Content-Security-Policy) and the
 * REST API (everything else: stateless, credentials on every request), plus an open one
 * for the management server's own port (health probes and metrics, bound to loopback).
 * Both doors authenticate through the same providers and the same login throttle.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
class SecurityConfiguration {

	/** The console's pages may load scripts, styles and data from the brain only. */
	static final String CONSOLE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

	/**
	 * No tracing of each security filter, authentication and authorization: nothing
	 * collects those traces, and wrapping every filter of every request in an observation
	 * was a fifth of the API's CPU per call. Request timings stay in the HTTP server
	 * metrics.
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	AuthenticationManager callerAuthenticationManager(WorkgroupService workgroups, TokenService tokens) {
		return new ProviderManager(List.of(new WorkgroupPasswordAuthenticationProvider(workgroups),
				new ApiTokenAuthenticationProvider(tokens), new OperatorCertificateAuthenticationProvider()));
	}

	@Bean
	@Order(1)
	SecurityFilterChain managementChain(HttpSecurity http, ServletContext api) throws Exception {
		// The management server is open, as it was before the main port had a chain.
		return ManagementPortChain.open(http, api);
	}

	@Bean
	@Order(2)
	SecurityFilterChain consoleChain(HttpSecurity http, AuthenticationManager callers, LoginThrottle logins,
			AuditLog audit, Clock clock) throws Exception {
		ConsoleLogins consoleLogins = new ConsoleLogins(logins, audit, clock);
		http.securityMatcher(PathPatternRequestMatcher.pathPattern("/ui/**"))
			.authenticationManager(callers)
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers("/ui/login", "/ui/static/**", "/ui/webjars/**")
				.permitAll()
				.anyRequest()
				.hasAnyRole(Caller.Kind.PASSWORD.name(), Caller.Kind.CERTIFICATE.name(), Caller.Kind.TOKEN.name()))
			.formLogin((form) -> form.loginPage("/ui/login")
				.loginProcessingUrl("/ui/login")
				.defaultSuccessUrl("/ui/nodes", true)
				.failureHandler(consoleLogins)
				.permitAll())
			.logout((logout) -> logout.logoutUrl("/ui/logout")
				.logoutSuccessUrl("/ui/login?logout")
				.deleteCookies("JSESSIONID")
				.invalidateHttpSession(true))
			.addFilterAt(operatorCertificates(callers), X509AuthenticationFilter.class)
			.addFilterBefore(consoleLogins.throttle(), UsernamePasswordAuthenticationFilter.class)
			.addFilterAfter(new ConsoleAuditFilter(audit, clock), AuthorizationFilter.class)
			.sessionManagement((sessions) -> sessions.sessionFixation((fixation) -> fixation.changeSessionId()))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONSOLE_CSP))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.frameOptions((frames) -> frames.deny()));
		return http.build();
	}

	/**
	 * Signs an operator into the console by the client certificate the browser presented;
	 * without one (or with a node's) the login form is shown instead.
	 */
	private static X509AuthenticationFilter operatorCertificates(AuthenticationManager callers) {
		X509AuthenticationFilter filter = new X509AuthenticationFilter();
		filter.setAuthenticationManager(callers);
		filter.setContinueFilterChainOnUnsuccessfulAuthentication(true);
		filter.setSecurityContextRepository(new HttpSessionSecurityContextRepository());
		return filter;
	}

	@Bean
	@Order(3)
	SecurityFilterChain apiChain(HttpSecurity http, AuthenticationManager callers, WorkgroupService workgroups,
			AuditLog audit, ProblemWriter problems, SecurityProperties properties, Clock clock, LoginThrottle logins,
			Refusals refusals, StringRedisTemplate redis) throws Exception {
		ApiAuthenticationFilter filter = new ApiAuthenticationFilter(callers, workgroups, audit, problems, properties,
				clock, logins, refusals, redis);
		http.authenticationManager(callers)
			.addFilterBefore(filter, AuthorizationFilter.class)
			.authorizeHttpRequests(
					(requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
						.permitAll()
						.requestMatchers(ApiAuthenticationFilter::isEnrollment)
						.permitAll()
						.anyRequest()
						.authenticated())
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.headers((headers) -> headers.frameOptions((frames) -> frames.deny()));
		return http.build();
	}

}
