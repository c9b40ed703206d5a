package io.octoplane.brain.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the REST API.
 *
 * @param maxRequestSize largest request body accepted; larger ones are refused before
 * they are read into memory
 */
@ConfigurationProperties("octoplane.api")
public record ApiProperties(@DefaultValue("3MB") DataSize maxRequestSize) {

}
