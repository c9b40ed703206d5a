package io.octoplane.testsupport.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

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
		return command(jvmOptions, testClassPath(), mainClass, args);
	}

	/**
	 * The command that runs a main class with a given class path.
	 * @param jvmOptions options for the JVM
	 * @param classPath the class path, entries joined by the path separator
	 * @param mainClass the class to run
	 * @param args its arguments
	 * @return the command, ready for a {@link ProcessBuilder}
	 */
	static List<String> command(List<String> jvmOptions, String classPath, String mainClass, List<String> args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
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
	 * The class path of a server started from this test JVM: the test's class path
	 * without the test's own compiled classes, which no server needs. Under Maven's
	 * {@code verify} the rest are jars, as an AOT cache requires.
	 * @return the entries joined by the path separator
	 */
	static String serverClassPath() {
		return Arrays.stream(testClassPath().split(File.pathSeparator))
			.filter((entry) -> !entry.isEmpty() && !Path.of(entry).endsWith(Path.of("target", "test-classes")))
			.collect(Collectors.joining(File.pathSeparator));
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
