package io.octoplane.brain.node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.octoplane.protocol.selector.Operator;
import io.octoplane.protocol.selector.Requirement;
import io.octoplane.protocol.selector.Selector;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

/**
 * Finds the nodes a {@link Selector} matches from the indexes that
 * {@link NodeDescriptionRepository} keeps, never by reading every node: each requirement
 * is one or a few set reads, combined in memory. The answer never holds a node outside
 * the given visible set.
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
			Set<String> matched = new HashSet<>(visible);
			for (Requirement requirement : selector.requirements()) {
				if (matched.isEmpty()) {
					break;
				}
				Set<String> positive = positive(requirement);
				if (requirement.operator().matchesAbsent()) {
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

	/**
	 * The nodes the requirement's positive form matches: {@code =} for {@code !=},
	 * {@code in} for {@code notin}, {@code key} for {@code !key}.
	 */
	private Set<String> positive(Requirement requirement) {
		String name = requirement.name();
		if (requirement.isFact()) {
			return lookup(NodeDescriptionRepository.FACT_INDEX, name, requirement);
		}
		Set<String> found = lookup(NodeDescriptionRepository.LABEL_INDEX, name, requirement);
		Set<String> fromFacts = lookup(NodeDescriptionRepository.FACT_INDEX, name, requirement);
		if (!fromFacts.isEmpty()) {
			// A label of the same key hides the fact.
			fromFacts.removeAll(members(NodeDescriptionRepository.LABEL_INDEX + "k=" + name));
			found.addAll(fromFacts);
		}
		return found;
	}

	private Set<String> lookup(String index, String key, Requirement requirement) {
		Operator operator = requirement.operator();
		return switch (operator) {
			case EXISTS, NOT_EXISTS -> members(index + "k=" + key);
			case EQUALS, NOT_EQUALS, IN, NOT_IN -> {
				Set<String> union = new HashSet<>();
				for (String value : requirement.values()) {
					union.addAll(members(index + "=" + key + "=" + value));
				}
				yield union;
			}
			case GREATER, GREATER_OR_EQUAL, LESS, LESS_OR_EQUAL -> range(index + "n=" + key, requirement);
		};
	}

	private Set<String> range(String key, Requirement requirement) {
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
		Set<String> found = this.redis.opsForZSet().rangeByScore(key, min, max);
		return (found != null) ? new HashSet<>(found) : new HashSet<>();
	}

	private Set<String> members(String key) {
		Set<String> found = this.redis.opsForSet().members(key);
		return (found != null) ? new HashSet<>(found) : new HashSet<>();
	}

}
