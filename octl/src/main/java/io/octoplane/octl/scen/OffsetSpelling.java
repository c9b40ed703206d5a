package io.octoplane.octl.scen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Stack;

import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Accepts Octopoda's {@code -o OFFSET} on the paging commands ({@code scen version},
 * {@code napp version}), where {@code -o} is otherwise octl's output format: {@code -o}
 * followed by a whole number is read as {@code --offset}, any other value stays the
 * output format.
 */
public final class OffsetSpelling implements IParameterPreprocessor {

	@Override
	public boolean preprocess(Stack<String> args, CommandSpec command, ArgSpec argSpec, Map<String, Object> info) {
		// The stack's top is the next argument: reverse, rewrite, reverse back.
		List<String> next = new ArrayList<>(args);
		Collections.reverse(next);
		for (int i = 0; i < next.size() - 1; i++) {
			if ("--".equals(next.get(i))) {
				break;
			}
			if ("-o".equals(next.get(i)) && next.get(i + 1).matches("\\d{1,9}")) {
				next.set(i, "--offset");
			}
		}
		Collections.reverse(next);
		args.clear();
		args.addAll(next);
		return false;
	}

}
