package io.octoplane.brain.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the console's own scripts and styles and the libraries it takes from webjars,
 * all from the brain's jar under {@code /ui}, so a page loads nothing from elsewhere
 * (which its Content-Security-Policy would refuse anyway).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleResources implements WebMvcConfigurer {

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/ui/static/**").addResourceLocations("classpath:/console/static/");
		registry.addResourceHandler("/ui/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/");
	}

}
