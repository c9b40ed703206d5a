package io.octoplane.e2e.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A Dockerfile read as its stages and instructions: continuation lines joined, comments
 * and parser directives left out. Enough of the syntax for the rules the tests check, not
 * a full parser (no heredocs, no escape directive).
 */
record Dockerfile(Path path, List<Stage> stages) {

	static Dockerfile read(Path path) throws IOException {
		List<Stage> stages = new ArrayList<>();
		List<Instruction> current = null;
		StringBuilder pending = new StringBuilder();
		for (String raw : Files.readAllLines(path)) {
			String line = raw.strip();
			if (pending.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
				continue;
			}
			if (line.startsWith("#")) {
				continue;
			}
			if (line.endsWith("\\")) {
				pending.append(line.substring(0, line.length() - 1).strip()).append(' ');
				continue;
			}
			pending.append(line);
			Instruction instruction = Instruction.of(pending.toString());
			pending.setLength(0);
			if (instruction.keyword().equals("FROM")) {
				current = new ArrayList<>();
				stages.add(Stage.from(instruction, current));
			}
			else if (current == null) {
				throw new IllegalStateException(path + ": " + instruction.keyword() + " before FROM");
			}
			else {
				current.add(instruction);
			}
		}
		return new Dockerfile(path, List.copyOf(stages));
	}

	Stage finalStage() {
		return this.stages.get(this.stages.size() - 1);
	}

	Optional<Stage> stage(String name) {
		return this.stages.stream().filter((stage) -> name.equals(stage.name())).findFirst();
	}

	/** One instruction: its keyword in upper case and the rest of the line. */
	record Instruction(String keyword, String arguments) {

		static Instruction of(String line) {
			String[] parts = line.split("\\s+", 2);
			return new Instruction(parts[0].toUpperCase(Locale.ROOT), (parts.length > 1) ? parts[1].strip() : "");
		}

		/** The arguments split on white space, flags such as --from=x included. */
		List<String> words() {
			return List.of(this.arguments.split("\\s+"));
		}

	}

	/** A build stage: its base image, its name (AS), and its instructions. */
	record Stage(String image, @Nullable String name, List<Instruction> instructions) {

		static Stage from(Instruction from, List<Instruction> instructions) {
			List<String> words = from.words().stream().filter((word) -> !word.startsWith("--")).toList();
			String name = (words.size() == 3 && words.get(1).equalsIgnoreCase("AS")) ? words.get(2) : null;
			return new Stage(words.get(0), name, instructions);
		}

		List<Instruction> all(String keyword) {
			return this.instructions.stream().filter((instruction) -> instruction.keyword().equals(keyword)).toList();
		}

		Optional<Instruction> last(String keyword) {
			List<Instruction> found = all(keyword);
			return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
		}

		/** Everything the stage's RUN instructions say, in one text. */
		String runText() {
			return String.join("\n", all("RUN").stream().map(Instruction::arguments).toList());
		}

	}

}
