package io.octoplane.testsupport.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM that runs a main class from this test's class path, so
 * brains and tentacles can be started (and killed) as real processes.
 */
public final class ChildJvm {

	/**
	 * Linux limits one command-line argument to 128 KiB; longer class paths go in a file.
	 */
	private static final int MAX_INLINE_CLASS_PATH = 100_000;

	private ChildJvm() {
	}

	/**
	 * The command that runs a main class with this test's class path.
	 * @param jvmOptions options for the JVM, such as {@code -Xmx64m}
	 * @param mainClass the class to run
	 * @param args its arguments
	 * @return the command, ready for a {@link ProcessBuilder}
	 */
	public static List<String> command(List<String> jvmOptions, String mainClass, List<String> args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		String classPath = testClassPath();
		if (classPath.length() <= MAX_INLINE_CLASS_PATH) {
			command.add("-cp");
			command.add(classPath);
		}
		else {
			command.add("@" + classPathArgFile(classPath));
		}
		command.add(mainClass);
		command.addAll(args);
		return command;
	}

	/**
	 * The class path of this test JVM. Under Surefire and Failsafe
	 * {@code java.class.path} may name only their booter jar, whose manifest lists the
	 * real class path; they put the real one in {@code surefire.test.class.path}.
	 */
	private static String testClassPath() {
		String surefire = System.getProperty("surefire.test.class.path");
		if (surefire != null && !surefire.isBlank()) {
			return surefire;
		}
		return System.getProperty("java.class.path");
	}

	private static Path classPathArgFile(String classPath) {
		try {
			Path file = Files.createTempFile("octoplane-classpath-", ".args");
			file.toFile().deleteOnExit();
			String quoted = classPath.replace("\\", "\\\\").replace("\"", "\\\"");
			Files.writeString(file, "-cp \"" + quoted + "\"" + System.lineSeparator());
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write a child JVM's class path to a file", ex);
		}
	}

}
