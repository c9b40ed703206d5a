package io.octoplane.nameserver.security;

import io.octoplane.server.security.ManagementPortChain;
import io.octoplane.server.web.ProblemWriter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * The nameserver's security on Spring Security's filter chains: the registry port admits
 * only fleet certificates whose role fits the request ({@link RoleFilter}: every role may
 * read, services and operators may change), statelessly, with the standard headers; the
 * management port (health and metrics, bound to loopback) stays open. There are no users
 * or passwords: certificates alone authenticate, so Spring Boot's generated user is
 * switched off in nameserver.yaml.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
class SecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain managementChain(HttpSecurity http, ServletContext registry) throws Exception {
		// The management server is open, as it was before the main port had a chain.
		return ManagementPortChain.open(http, registry);
	}

	@Bean
	@Order(2)
	SecurityFilterChain registryChain(HttpSecurity http, AuditTrail audit, ProblemWriter problems) throws Exception {
		http.addFilterBefore(new RoleFilter(audit, problems), AuthorizationFilter.class)
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
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
