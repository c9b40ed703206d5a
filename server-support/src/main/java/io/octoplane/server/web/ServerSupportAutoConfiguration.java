package io.octoplane.server.web;

import org.apache.catalina.core.StandardHost;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives a servlet application of Octoplane (brain, nameserver) its single error model:
 * the {@link ProblemHandler} advice, the {@link ProblemWriter} for filters, the
 * {@link ProblemErrorController} in place of Boot's error page and Tomcat's
 * {@link ProblemReportValve} for requests refused before Spring sees them.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
public class ServerSupportAutoConfiguration {

	// Also without a web server: the brain's admin commands create the filters that
	// use it, though they never serve a request.
	@Bean
	ProblemWriter problemWriter(JsonMapper json) {
		return new ProblemWriter(json);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class ServletProblems {

		@Bean
		ProblemHandler problemHandler(@Value("${spring.application.name:the server}") String server) {
			return new ProblemHandler(server);
		}

		@Bean
		ProblemErrorController problemErrorController() {
			return new ProblemErrorController();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
	static class TomcatErrorReport {

		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
			return (factory) -> factory.addContextCustomizers((context) -> {
				if (context.getParent() instanceof StandardHost host) {
					host.setErrorReportValveClass(ProblemReportValve.class.getName());
				}
			});
		}

	}

}
