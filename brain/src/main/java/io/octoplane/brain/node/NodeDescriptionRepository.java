package io.octoplane.brain.node;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.octoplane.protocol.agent.Facts;
import io.octoplane.protocol.api.NodeFactsResponse;
import io.octoplane.protocol.api.NodeLabelsResponse;
import io.octoplane.server.redis.RedisKeys;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;

/**
 * Facts and labels of nodes in Redis, and the indexes selectors read. Every key shares
 * one Redis Cluster hash tag, {@code {sel}}, so each change is one script that rewrites a
 * node's hash and its index entries together, and selection can combine index sets.
 *
 * <ul>
 * <li>{@code octoplane:{sel}:facts:NODE} hash: fact name to value;
 * {@code octoplane:{sel}:factmeta:NODE} hash: {@code at} (epoch ms), {@code errors}
 * (JSON)</li>
 * <li>{@code octoplane:{sel}:clabels:NODE}, {@code ...:olabels:NODE} hashes: labels of
 * the node's configuration and of operators; {@code ...:labels:NODE}: both merged,
 * operators winning</li>
 * <li>indexes, {@code l} for labels and {@code f} for facts:
 * {@code octoplane:{sel}:l=K=V} set of nodes whose K is V, {@code ...:lk=K} set of nodes
 * that have K, {@code ...:ln=K} sorted set of nodes whose K is a plain number, scored by
 * it</li>
 * </ul>
 */
@Repository
class NodeDescriptionRepository {

	static final String PREFIX = RedisKeys.PREFIX + "{sel}:";

	static final String LABEL_INDEX = PREFIX + "l";

	static final String FACT_INDEX = PREFIX + "f";

	/** Lua helpers every script below shares: read, write and re-index a hash. */
	private static final String FUNCTIONS = """
			local function isnum(v)
			  return string.match(v, '^%-?%d+$') ~= nil or string.match(v, '^%-?%d+%.%d+$') ~= nil
			end
			local function read(key)
			  local flat = redis.call('HGETALL', key)
			  local t = {}
			  for i = 1, #flat, 2 do t[flat[i]] = flat[i + 1] end
			  return t
			end
			local function write(key, t)
			  redis.call('DEL', key)
			  for k, v in pairs(t) do redis.call('HSET', key, k, v) end
			end
			local function reindex(prefix, name, old, new)
			  for k, v in pairs(old) do
			    if new[k] ~= v then
			      redis.call('SREM', prefix .. '=' .. k .. '=' .. v, name)
			      if isnum(v) then redis.call('ZREM', prefix .. 'n=' .. k, name) end
			      if new[k] == nil then redis.call('SREM', prefix .. 'k=' .. k, name) end
			    end
			  end
			  for k, v in pairs(new) do
			    if old[k] ~= v then
			      redis.call('SADD', prefix .. '=' .. k .. '=' .. v, name)
			      if isnum(v) then redis.call('ZADD', prefix .. 'n=' .. k, tonumber(v), name) end
			      redis.call('SADD', prefix .. 'k=' .. k, name)
			    end
			  end
			end
			local function pairsof(from, count)
			  local t = {}
			  for i = from, from + 2 * count - 1, 2 do t[ARGV[i]] = ARGV[i + 1] end
			  return t
			end
			local function relabel(name)
			  local merged = read(KEYS[1])
			  for k, v in pairs(read(KEYS[2])) do merged[k] = v end
			  reindex(ARGV[1], name, read(KEYS[3]), merged)
			  write(KEYS[3], merged)
			end
			""";

	/**
	 * Replaces a node's facts and its configuration labels. KEYS: config labels, operator
	 * labels, merged labels, facts, fact meta. ARGV: label index prefix, fact index
	 * prefix, node, at, errors JSON, label count, fact count, then the pairs.
	 */
	private static final RedisScript<Long> FACTS = RedisScript.of(FUNCTIONS + """
			local name = ARGV[3]
			local labelCount = tonumber(ARGV[6])
			local labels = pairsof(8, labelCount)
			local facts = pairsof(8 + 2 * labelCount, tonumber(ARGV[7]))
			reindex(ARGV[2], name, read(KEYS[4]), facts)
			write(KEYS[4], facts)
			redis.call('HSET', KEYS[5], 'at', ARGV[4], 'errors', ARGV[5])
			write(KEYS[1], labels)
			relabel(name)
			return 1
			""", Long.class);

	/**
	 * Changes a node's operator labels. KEYS: config labels, operator labels, merged
	 * labels. ARGV: label index prefix, node, set count, then the pairs, then the keys to
	 * remove.
	 */
	private static final RedisScript<Long> LABELS = RedisScript.of(FUNCTIONS + """
			local name = ARGV[2]
			local setCount = tonumber(ARGV[3])
			for k, v in pairs(pairsof(4, setCount)) do redis.call('HSET', KEYS[2], k, v) end
			for i = 4 + 2 * setCount, #ARGV do redis.call('HDEL', KEYS[2], ARGV[i]) end
			relabel(name)
			return 1
			""", Long.class);

	/**
	 * Forgets a pruned node. KEYS as for FACTS; ARGV: label and fact index prefix, node.
	 */
	private static final RedisScript<Long> DROP = RedisScript.of(FUNCTIONS + """
			local name = ARGV[3]
			reindex(ARGV[1], name, read(KEYS[3]), {})
			reindex(ARGV[2], name, read(KEYS[4]), {})
			redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
			return 1
			""", Long.class);

	private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
	};

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	NodeDescriptionRepository(StringRedisTemplate redis, JsonMapper json) {
		this.redis = redis;
		this.json = json;
	}

	/**
	 * Stores what a node reported about itself and re-indexes it.
	 * @param name the node
	 * @param facts its facts and configuration labels
	 * @param now when they arrived
	 */
	void record(String name, Facts facts, Instant now) {
		List<String> args = new ArrayList<>(List.of(LABEL_INDEX, FACT_INDEX, name, Long.toString(now.toEpochMilli()),
				this.json.writeValueAsString(new TreeMap<>(facts.errors())), Integer.toString(facts.labels().size()),
				Integer.toString(facts.facts().size())));
		addPairs(args, facts.labels());
		addPairs(args, facts.facts());
		this.redis.execute(FACTS, allKeys(name), args.toArray());
	}

	/**
	 * Sets and removes operator labels of a node and re-indexes it.
	 * @param name the node
	 * @param set labels to add or overwrite
	 * @param remove keys to remove
	 */
	void changeLabels(String name, Map<String, String> set, List<String> remove) {
		List<String> args = new ArrayList<>(List.of(LABEL_INDEX, name, Integer.toString(set.size())));
		addPairs(args, set);
		args.addAll(remove);
		this.redis.execute(LABELS, allKeys(name).subList(0, 3), args.toArray());
	}

	/**
	 * Forgets a node's facts and labels and removes it from every index.
	 * @param name the node
	 */
	void delete(String name) {
		this.redis.execute(DROP, allKeys(name), LABEL_INDEX, FACT_INDEX, name);
	}

	/** A node's labels, merged and by source. */
	NodeLabelsResponse labels(String name) {
		return new NodeLabelsResponse(name, hash(PREFIX + "labels:" + name), hash(PREFIX + "clabels:" + name),
				hash(PREFIX + "olabels:" + name));
	}

	/** A node's facts, fact script errors and labels. */
	NodeFactsResponse facts(String name) {
		Map<String, String> meta = hash(PREFIX + "factmeta:" + name);
		String at = meta.get("at");
		String errors = meta.get("errors");
		return new NodeFactsResponse(name, hash(PREFIX + "facts:" + name),
				(errors != null) ? this.json.readValue(errors, STRING_MAP) : Map.of(), hash(PREFIX + "labels:" + name),
				(at != null) ? Instant.ofEpochMilli(Long.parseLong(at)) : null);
	}

	private Map<String, String> hash(String key) {
		Map<String, String> hash = new TreeMap<>();
		this.redis.opsForHash().entries(key).forEach((k, v) -> hash.put(k.toString(), v.toString()));
		return hash;
	}

	private static List<String> allKeys(String name) {
		return List.of(PREFIX + "clabels:" + name, PREFIX + "olabels:" + name, PREFIX + "labels:" + name,
				PREFIX + "facts:" + name, PREFIX + "factmeta:" + name);
	}

	private static void addPairs(List<String> args, Map<String, String> pairs) {
		new LinkedHashMap<>(pairs).forEach((key, value) -> {
			args.add(key);
			args.add(value);
		});
	}

}
