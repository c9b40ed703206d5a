package io.octoplane.brain.job;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.octoplane.server.redis.RedisKeys;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;

/**
 * Jobs in Redis. Keys of one job share the hash tag {@code {id}} so they live on one
 * Redis Cluster shard and one script can update them together:
 * <ul>
 * <li>{@code octoplane:job:{id}} hash: {@code spec} (JSON), {@code state},
 * {@code finishedAt}, and a counter {@code n:<state>} per delivery state;</li>
 * <li>{@code octoplane:job:{id}:nodes} hash: node name to {@link Delivery} JSON;</li>
 * <li>{@code octoplane:jobs} sorted set of job ids by creation time;
 * {@code octoplane:jobs:active} set of jobs still running;</li>
 * <li>{@code octoplane:queue:{node}} stream per node: the jobs waiting for it, in
 * order.</li>
 * </ul>
 */
@Repository
class JobRepository {

	private static final String JOBS = RedisKeys.PREFIX + "jobs";

	private static final String ACTIVE = RedisKeys.PREFIX + "jobs:active";

	/**
	 * Moves one node of a job from an allowed state to a new one and keeps the per-state
	 * counters right, atomically; returns {applied, pending targets after the change}.
	 */
	private static final RedisScript<List> TRANSITION = RedisScript.of("""
			local current = redis.call('HGET', KEYS[1], ARGV[1])
			if not current then return {-1, -1} end
			local old = cjson.decode(current)['state']
			if not string.find(ARGV[2], ',' .. old .. ',', 1, true) then return {0, -1} end
			redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
			redis.call('HINCRBY', KEYS[2], 'n:' .. old, -1)
			redis.call('HINCRBY', KEYS[2], 'n:' .. ARGV[4], 1)
			local c = redis.call('HMGET', KEYS[2], 'n:queued', 'n:delivered', 'n:running')
			return {1, (tonumber(c[1]) or 0) + (tonumber(c[2]) or 0) + (tonumber(c[3]) or 0)}
			""", List.class);

	/**
	 * Marks a job finished once (a cancelled job keeps its state); returns 1 for the call
	 * that did it. It touches only the job's own key, so it runs on Redis Cluster, where
	 * one script may not reach keys in other slots.
	 */
	private static final RedisScript<Long> FINISH = RedisScript.of("""
			if redis.call('HGET', KEYS[1], 'state') == 'running' then
			  redis.call('HSET', KEYS[1], 'state', 'completed')
			end
			return redis.call('HSETNX', KEYS[1], 'finishedAt', ARGV[1])
			""", Long.class);

	/** Cancels a running job; returns 1 if it was running. */
	private static final RedisScript<Long> CANCEL = RedisScript.of("""
			if redis.call('HGET', KEYS[1], 'state') == 'running' then
			  redis.call('HSET', KEYS[1], 'state', 'cancelled')
			  return 1
			end
			return 0
			""", Long.class);

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	JobRepository(StringRedisTemplate redis, JsonMapper json) {
		this.redis = redis;
		this.json = json;
	}

	static String jobKey(String id) {
		return RedisKeys.PREFIX + "job:{" + id + "}";
	}

	static String nodesKey(String id) {
		return jobKey(id) + ":nodes";
	}

	static String queueKey(String node) {
		return RedisKeys.PREFIX + "queue:{" + node + "}";
	}

	/**
	 * Stores a new job with the first state of every target, then queues it for the
	 * targets that wait for delivery. The job becomes visible to dispatchers (the active
	 * set) only after its targets are written.
	 * @param spec the job
	 * @param deliveries first state per target
	 */
	void create(JobSpec spec, Map<String, Delivery> deliveries) {
		Map<String, String> nodes = new LinkedHashMap<>();
		Map<String, String> job = new HashMap<>();
		job.put("spec", this.json.writeValueAsString(spec));
		job.put("state", "running");
		for (DeliveryState state : DeliveryState.values()) {
			job.put("n:" + state.slug(), "0");
		}
		deliveries.forEach((node, delivery) -> {
			nodes.put(node, this.json.writeValueAsString(delivery));
			job.merge("n:" + delivery.state(), "1", (a, b) -> Long.toString(Long.parseLong(a) + 1));
		});
		this.redis.opsForHash().putAll(nodesKey(spec.id()), nodes);
		this.redis.opsForHash().putAll(jobKey(spec.id()), job);
		this.redis.opsForZSet().add(JOBS, spec.id(), spec.createdAtMillis());
		this.redis.opsForSet().add(ACTIVE, spec.id());
		List<String> queued = deliveries.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().deliveryState() == DeliveryState.QUEUED)
			.map(Map.Entry::getKey)
			.toList();
		OverlappingSteps.forEach(queued, (node) -> this.redis.opsForStream()
			.add(StreamRecords.string(Map.of("job", spec.id())).withStreamKey(queueKey(node))));
	}

	Optional<JobSpec> spec(String id) {
		Object spec = this.redis.opsForHash().get(jobKey(id), "spec");
		return (spec != null) ? Optional.of(this.json.readValue(spec.toString(), JobSpec.class)) : Optional.empty();
	}

	/** The job's hash: state, finishedAt and counters. */
	Map<String, String> header(String id) {
		Map<String, String> header = new HashMap<>();
		this.redis.opsForHash().entries(jobKey(id)).forEach((key, value) -> {
			if (!"spec".equals(key)) {
				header.put(key.toString(), value.toString());
			}
		});
		return header;
	}

	Map<String, Delivery> deliveries(String id) {
		Map<String, Delivery> deliveries = new HashMap<>();
		this.redis.opsForHash()
			.entries(nodesKey(id))
			.forEach((node, value) -> deliveries.put(node.toString(),
					this.json.readValue(value.toString(), Delivery.class)));
		return deliveries;
	}

	Optional<Delivery> delivery(String id, String node) {
		Object value = this.redis.opsForHash().get(nodesKey(id), node);
		return (value != null) ? Optional.of(this.json.readValue(value.toString(), Delivery.class)) : Optional.empty();
	}

	/**
	 * Moves a node of a job to a new state if it is in one of the allowed states.
	 * @param id the job
	 * @param node the node
	 * @param allowed states it may move from, as {@link DeliveryState#csv}
	 * @param next the new state and result
	 * @return whether it moved and how many targets are still pending
	 */
	Transition transition(String id, String node, String allowed, Delivery next) {
		List<?> result = this.redis.execute(TRANSITION, List.of(nodesKey(id), jobKey(id)), node, allowed,
				this.json.writeValueAsString(next), next.state());
		long applied = ((Number) result.get(0)).longValue();
		long pending = ((Number) result.get(1)).longValue();
		return new Transition(applied == 1, applied == -1, pending);
	}

	/** Marks a job finished; returns whether this call did it. */
	boolean finish(String id, long now) {
		Long finished = this.redis.execute(FINISH, List.of(jobKey(id)), Long.toString(now));
		// Removed from the active set by every caller, not only the one that finished it,
		// so a brain that died between the two steps leaves nothing behind.
		this.redis.opsForSet().remove(ACTIVE, id);
		return finished != null && finished == 1;
	}

	/** Marks a running job cancelled; returns whether it was running. */
	boolean cancel(String id) {
		Long cancelled = this.redis.execute(CANCEL, List.of(jobKey(id)));
		return cancelled != null && cancelled == 1;
	}

	Set<String> activeJobs() {
		Set<String> active = this.redis.opsForSet().members(ACTIVE);
		return (active != null) ? active : Set.of();
	}

	/** Newest job ids first. */
	List<String> recentJobs(int limit) {
		Set<String> ids = this.redis.opsForZSet().reverseRange(JOBS, 0, limit - 1);
		return (ids != null) ? List.copyOf(ids) : List.of();
	}

	/** Job ids created before the given time, oldest first. */
	List<String> jobsCreatedBefore(long millis, int limit) {
		Set<String> ids = this.redis.opsForZSet().rangeByScore(JOBS, 0, millis, 0, limit);
		return (ids != null) ? List.copyOf(ids) : List.of();
	}

	void delete(String id) {
		this.redis.delete(List.of(jobKey(id), nodesKey(id)));
		this.redis.opsForZSet().remove(JOBS, id);
		this.redis.opsForSet().remove(ACTIVE, id);
	}

	/** The jobs queued for a node, oldest first, with their stream entry ids. */
	List<QueueEntry> queue(String node) {
		List<MapRecord<String, Object, Object>> records = this.redis.opsForStream()
			.range(queueKey(node), Range.unbounded());
		List<QueueEntry> entries = new ArrayList<>();
		if (records != null) {
			for (MapRecord<String, Object, Object> record : records) {
				Object job = record.getValue().get("job");
				if (job != null) {
					entries.add(new QueueEntry(record.getId().getValue(), job.toString()));
				}
			}
		}
		return entries;
	}

	/**
	 * How much waits in the queues of some nodes. A stream entry id starts with the time
	 * it was added, so the oldest entry's id tells how long it has waited.
	 * @param nodes the nodes whose queues to look at
	 * @return entries in all those queues and the time the oldest was added (0 if none)
	 */
	QueueSummary queueSummary(Collection<String> nodes) {
		long depth = 0;
		long oldest = 0;
		for (String node : nodes) {
			Long size = this.redis.opsForStream().size(queueKey(node));
			if (size == null || size == 0) {
				continue;
			}
			depth += size;
			List<MapRecord<String, Object, Object>> first = this.redis.opsForStream()
				.range(queueKey(node), Range.unbounded(), Limit.limit().count(1));
			if (first != null && !first.isEmpty()) {
				long added = first.get(0).getId().getTimestamp();
				oldest = (oldest == 0) ? added : Math.min(oldest, added);
			}
		}
		return new QueueSummary(depth, oldest);
	}

	/** Removes a job from a node's queue. */
	void dequeue(String node, String jobId) {
		for (QueueEntry entry : queue(node)) {
			if (entry.jobId().equals(jobId)) {
				this.redis.opsForStream().delete(queueKey(node), RecordId.of(entry.entryId()));
			}
		}
	}

	/**
	 * The outcome of a state change.
	 *
	 * @param applied whether the node moved to the new state
	 * @param missing whether the job or node is unknown
	 * @param pending targets of the job not yet final after the change (-1 if not
	 * applied)
	 */
	record Transition(boolean applied, boolean missing, long pending) {

	}

	/**
	 * Totals over node queues.
	 *
	 * @param depth entries waiting
	 * @param oldestAddedMillis when the oldest entry was added, epoch millis; 0 if none
	 */
	record QueueSummary(long depth, long oldestAddedMillis) {

	}

	/**
	 * A job waiting in a node's queue.
	 *
	 * @param entryId the stream entry id
	 * @param jobId the job
	 */
	record QueueEntry(String entryId, String jobId) {

	}

	static long counter(Map<String, String> header, DeliveryState state) {
		@Nullable String value = header.get("n:" + state.slug());
		return (value != null) ? Long.parseLong(value) : 0;
	}

}
