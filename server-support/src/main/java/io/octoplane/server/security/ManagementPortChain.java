package io.octoplane.server.security;

import jakarta.servlet.ServletContext;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The security chain of a server's management port (health probes and metrics, bound to
 * loopback): open, stateless, no CSRF. The management server has a servlet context of its
 * own, so the chain matches every request that does not come through the main one; it
 * must be ordered before the server's other chains.
 */
public final class ManagementPortChain {

	private ManagementPortChain() {
	}

	/**
	 * Builds the open chain.
	 * @param http the builder Spring Security hands to the chain's bean method
	 * @param main the servlet context of the server's main port
	 * @return the chain
	 * @throws Exception if the chain cannot be built
	 */
	public static SecurityFilterChain open(HttpSecurity http, ServletContext main) throws Exception {
		http.securityMatcher((request) -> request.getServletContext() != main)
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

}
