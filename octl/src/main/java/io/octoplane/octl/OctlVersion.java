package io.octoplane.octl;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/**
 * Answers {@code octl --version} from the version Maven stamped into the jar.
 */
final class OctlVersion implements IVersionProvider {

	private static final String RESOURCE = "/io/octoplane/octl/octl-version.properties";

	@Override
	public String[] getVersion() {
		return new String[] { "octl " + version(), "Java " + Runtime.version() };
	}

	static String version() {
		try (InputStream in = OctlVersion.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				return "unknown";
			}
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("version", "unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
