package io.octoplane.e2e.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a build from source reads from the context when a Dockerfile copies the whole
 * repository: the Maven wrapper, the root pom, the checkstyle rules, and each reactor
 * module's pom and main and test sources (tests are compiled even when skipped).
 */
final class BuildContext {

	private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

	private BuildContext() {
	}

	static List<String> needed(Path root) throws IOException {
		List<String> paths = new ArrayList<>(List.of("pom.xml", "mvnw", ".mvn/wrapper/maven-wrapper.properties",
				"build-config/checkstyle.xml", "deploy/docker/octoplane-healthcheck"));
		Matcher modules = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
		while (modules.find()) {
			Path module = root.resolve(modules.group(1));
			paths.add(root.relativize(module.resolve("pom.xml")).toString());
			Path sources = module.resolve("src");
			if (Files.isDirectory(sources)) {
				try (Stream<Path> files = Files.walk(sources)) {
					files.filter(Files::isRegularFile).forEach((file) -> paths.add(root.relativize(file).toString()));
				}
			}
		}
		return paths;
	}

}
