package io.octoplane.brain.node;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.octoplane.protocol.selector.Requirement;
import io.octoplane.protocol.selector.Selector;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

/**
 * Finds the nodes a {@link Selector} matches from the indexes that
 * {@link NodeDescriptionRepository} keeps, never by reading every node: every index read
 * a selector needs goes out in one pipelined round trip, and the sets are combined in
 * memory. The answer never holds a node outside the given visible set.
 *
 * <p>
 * A plain key reads the label, or the fact of that name where the node has no such label;
 * so {@code K=V} is "label K is V" or "fact K is V and no label K", and the negated forms
 * are the visible nodes the positive form does not match.
 */
@Service
public class NodeSelection {

	private final StringRedisTemplate redis;

	private final Timer timer;

	NodeSelection(StringRedisTemplate redis, MeterRegistry meters) {
		this.redis = redis;
		this.timer = Timer.builder("octoplane.node.selection")
			.description("Time to expand a node selector from the Redis indexes")
			.register(meters);
	}

	/**
	 * The visible nodes a selector matches.
	 * @param selector the selector
	 * @param visible the nodes the caller may see
	 * @return node names, sorted; possibly empty
	 */
	public List<String> select(Selector selector, Set<String> visible) {
		return this.timer.record(() -> {
			List<Plan> plans = selector.requirements().stream().map(Plan::of).toList();
			List<Read> reads = new ArrayList<>();
			plans.forEach((plan) -> reads.addAll(plan.reads()));
			List<Set<String>> results = read(reads);
			Set<String> matched = new HashSet<>(visible);
			int next = 0;
			for (Plan plan : plans) {
				List<Set<String>> own = results.subList(next, next + plan.reads().size());
				next += plan.reads().size();
				Set<String> positive = plan.positive(own);
				if (plan.requirement().operator().matchesAbsent()) {
					matched.removeAll(positive);
				}
				else {
					matched.retainAll(positive);
				}
			}
			List<String> names = new ArrayList<>(matched);
			names.sort(null);
			return names;
		});
	}

	@SuppressWarnings("unchecked")
	private List<Set<String>> read(List<Read> reads) {
		List<Object> answers = this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			for (Read read : reads) {
				byte[] key = read.key().getBytes(StandardCharsets.UTF_8);
				if (read.scored()) {
					connection.zSetCommands().zRangeByScore(key, read.min(), read.max());
				}
				else {
					connection.setCommands().sMembers(key);
				}
			}
			return null;
		});
		List<Set<String>> sets = new ArrayList<>(answers.size());
		for (Object answer : answers) {
			sets.add((answer instanceof Collection<?> members) ? new HashSet<>((Collection<String>) members)
					: new HashSet<>());
		}
		return sets;
	}

	/**
	 * One index read: a set's members, or a sorted set's members within a score range.
	 */
	private record Read(String key, boolean scored, double min, double max) {

		static Read members(String key) {
			return new Read(key, false, 0, 0);
		}

	}

	/**
	 * The reads one requirement needs and how its positive form is made of them: for a
	 * fact key, the fact index lookup; for a plain key, the label lookup, the fact
	 * lookup, and the nodes that have a label of that key (which hides the fact).
	 */
	private record Plan(Requirement requirement, List<Read> reads) {

		static Plan of(Requirement requirement) {
			List<Read> reads = new ArrayList<>();
			if (!requirement.isFact()) {
				reads.addAll(lookup(NodeDescriptionRepository.LABEL_INDEX, requirement));
				reads.add(Read.members(NodeDescriptionRepository.LABEL_INDEX + "k=" + requirement.name()));
			}
			reads.addAll(lookup(NodeDescriptionRepository.FACT_INDEX, requirement));
			return new Plan(requirement, reads);
		}

		Set<String> positive(List<Set<String>> results) {
			int lookups = lookupCount(this.requirement);
			if (this.requirement.isFact()) {
				return union(results.subList(0, lookups));
			}
			Set<String> found = union(results.subList(0, lookups));
			Set<String> labelled = results.get(lookups);
			Set<String> fromFacts = union(results.subList(lookups + 1, results.size()));
			fromFacts.removeAll(labelled);
			found.addAll(fromFacts);
			return found;
		}

		private static int lookupCount(Requirement requirement) {
			return switch (requirement.operator()) {
				case EQUALS, NOT_EQUALS, IN, NOT_IN -> requirement.values().size();
				default -> 1;
			};
		}

		private static List<Read> lookup(String index, Requirement requirement) {
			String key = requirement.name();
			return switch (requirement.operator()) {
				case EXISTS, NOT_EXISTS -> List.of(Read.members(index + "k=" + key));
				case EQUALS, NOT_EQUALS, IN,
						NOT_IN ->
					requirement.values()
						.stream()
						.map((value) -> Read.members(index + "=" + key + "=" + value))
						.toList();
				case GREATER, GREATER_OR_EQUAL, LESS, LESS_OR_EQUAL -> List.of(range(index + "n=" + key, requirement));
			};
		}

		private static Read range(String key, Requirement requirement) {
			double bound = requirement.number();
			// Scores are doubles: the next one up or down makes a bound exclusive.
			double min = switch (requirement.operator()) {
				case GREATER -> Math.nextUp(bound);
				case GREATER_OR_EQUAL -> bound;
				default -> Double.NEGATIVE_INFINITY;
			};
			double max = switch (requirement.operator()) {
				case LESS -> Math.nextDown(bound);
				case LESS_OR_EQUAL -> bound;
				default -> Double.POSITIVE_INFINITY;
			};
			return new Read(key, true, min, max);
		}

		private static Set<String> union(List<Set<String>> sets) {
			Set<String> union = new HashSet<>();
			sets.forEach(union::addAll);
			return union;
		}

	}

}
