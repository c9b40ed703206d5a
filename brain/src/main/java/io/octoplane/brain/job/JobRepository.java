package io.octoplane.brain.job;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.octoplane.protocol.api.JobState;
import io.octoplane.server.redis.RedisKeys;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.DefaultStringRedisConnection;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.connection.StringRedisConnection;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;

/**
 * Jobs in Redis. Keys of one job share the hash tag {@code {id}} so they live on one
 * Redis Cluster shard and one script can update them together:
 * <ul>
 * <li>{@code octoplane:job:{id}} hash: {@code spec} (JSON), {@code state},
 * {@code finishedAt}, {@code followers}, and a counter {@code n:<state>} per delivery
 * state ({@link JobHeader});</li>
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
	 * The one step every change of a job's targets takes; see {@link Step}. Moves the
	 * named nodes between states, keeps the per-state counters right, enforces the
	 * concurrency limit and error budget when nodes start, and marks the job finished
	 * once nothing is pending, all atomically. Returns {pending, finished (1 for the call
	 * that finished it), followers, job cancelled by this call, queued, followers that
	 * want only the final job, then one code per node: -1 not a target, 0 not moved, 1
	 * moved, 2 not started (error budget)}; or {-1} for an unknown job.
	 */
	private static final RedisScript<List> SETTLE = RedisScript.of("""
			local job = redis.call('HMGET', KEYS[1], 'state', 'followers', 'n:queued', 'n:delivered',
			  'n:running', 'n:failed', 'n:timed-out', 'n:expired', 'n:rejected', 'waiters')
			if not job[1] then return {-1} end
			local state = job[1]
			local cancelled = 0
			if ARGV[6] == '1' and state == 'running' then
			  state = 'cancelled'
			  redis.call('HSET', KEYS[1], 'state', state)
			  cancelled = 1
			end
			local n = {queued = tonumber(job[3]) or 0, delivered = tonumber(job[4]) or 0,
			  running = tonumber(job[5]) or 0}
			local errors = (tonumber(job[6]) or 0) + (tonumber(job[7]) or 0) + (tonumber(job[8]) or 0)
			  + (tonumber(job[9]) or 0)
			local failing = {failed = true, ['timed-out'] = true, expired = true, rejected = true}
			local starts = ARGV[2] == '1'
			local maxc = tonumber(ARGV[3])
			local maxe = tonumber(ARGV[4])
			local shared = ARGV[7]
			local delta = {}
			local out = {0, 0, tonumber(job[2]) or 0, cancelled, 0, tonumber(job[10]) or 0}
			local i = 10
			while i <= #ARGV do
			  local node = ARGV[i]
			  local json, new = shared, ARGV[8]
			  if shared == '' then
			    json, new = ARGV[i + 1], ARGV[i + 2]
			    i = i + 3
			  else
			    i = i + 1
			  end
			  local r = 0
			  local current = redis.call('HGET', KEYS[2], node)
			  if not current then
			    r = -1
			  else
			    local old = cjson.decode(current)['state']
			    if string.find(ARGV[1], ',' .. old .. ',', 1, true) then
			      r = 1
			      if starts then
			        if state ~= 'running' then r = 0
			        elseif errors > maxe then json, new, r = ARGV[9], 'cancelled', 2
			        elseif n.delivered + n.running >= maxc then r = 0 end
			      end
			      if r > 0 then
			        redis.call('HSET', KEYS[2], node, json)
			        delta[old] = (delta[old] or 0) - 1
			        delta[new] = (delta[new] or 0) + 1
			        if n[old] then n[old] = n[old] - 1 end
			        if n[new] then n[new] = n[new] + 1 end
			        if failing[new] then errors = errors + 1 end
			      end
			    end
			  end
			  out[#out + 1] = r
			end
			for s, d in pairs(delta) do
			  if d ~= 0 then redis.call('HINCRBY', KEYS[1], 'n:' .. s, d) end
			end
			local pending = n.queued + n.delivered + n.running
			if pending == 0 then
			  if state == 'running' then redis.call('HSET', KEYS[1], 'state', 'completed') end
			  out[2] = redis.call('HSETNX', KEYS[1], 'finishedAt', ARGV[5])
			end
			out[1] = pending
			out[5] = n.queued
			return out
			""", List.class);

	/** Removes a job from one node's queue. */
	private static final RedisScript<Long> DEQUEUE = RedisScript.of("""
			local entries = redis.call('XRANGE', KEYS[1], '-', '+')
			for _, entry in ipairs(entries) do
			  local fields = entry[2]
			  for j = 1, #fields, 2 do
			    if fields[j] == 'job' and fields[j + 1] == ARGV[1] then redis.call('XDEL', KEYS[1], entry[1]) end
			  end
			end
			return 0
			""", Long.class);

	/**
	 * Counts a follower in or out, only while the job exists. Every follower counts in
	 * {@code followers}; one that wants only the final job counts in {@code waiters} too,
	 * so a brain that knows no waiters still publishes everything it needs.
	 */
	private static final RedisScript<Long> FOLLOW = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 1 then
			  if ARGV[2] == '1' then redis.call('HINCRBY', KEYS[1], 'waiters', ARGV[1]) end
			  return redis.call('HINCRBY', KEYS[1], 'followers', ARGV[1])
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
	 * targets that wait for delivery, in one pipeline. The job becomes visible to
	 * dispatchers (the active set) only after its targets are written.
	 * @param spec the job
	 * @param deliveries first state per target
	 */
	void create(JobSpec spec, Map<String, Delivery> deliveries) {
		create(spec, deliveries, null);
	}

	/**
	 * Stores a new job as {@link #create(JobSpec, Map)} does, counting the follower that
	 * subscribed to its events before it existed: the job's first settle step then
	 * already publishes what that follower wants.
	 * @param spec the job
	 * @param deliveries first state per target
	 * @param follower the subscribed follower, or {@code null} for none
	 */
	void create(JobSpec spec, Map<String, Delivery> deliveries, @Nullable Follower follower) {
		Map<String, String> nodes = new LinkedHashMap<>();
		Map<String, String> job = new HashMap<>();
		job.put("spec", this.json.writeValueAsString(spec));
		job.put("state", JobHeader.slug(JobState.RUNNING));
		if (follower != null) {
			job.put("followers", "1");
			job.put("waiters", (follower == Follower.END_ONLY) ? "1" : "0");
		}
		for (DeliveryState state : DeliveryState.values()) {
			job.put("n:" + state.slug(), "0");
		}
		List<String> queued = new ArrayList<>();
		// The targets of a new job mostly share one first state: written once each.
		Map<Delivery, String> texts = new HashMap<>();
		deliveries.forEach((node, delivery) -> {
			nodes.put(node, texts.computeIfAbsent(delivery, this.json::writeValueAsString));
			job.merge("n:" + delivery.state(), "1", (a, b) -> Long.toString(Long.parseLong(a) + 1));
			if (delivery.deliveryState() == DeliveryState.QUEUED) {
				queued.add(node);
			}
		});
		this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			StringRedisConnection redis = strings(connection);
			redis.hMSet(nodesKey(spec.id()), nodes);
			redis.hMSet(jobKey(spec.id()), job);
			redis.zAdd(JOBS, spec.createdAtMillis(), spec.id());
			redis.sAdd(ACTIVE, spec.id());
			for (String node : queued) {
				redis.xAdd(StreamRecords.string(Map.of("job", spec.id())).withStreamKey(queueKey(node)));
			}
			return null;
		});
	}

	Optional<JobSpec> spec(String id) {
		Object spec = this.redis.opsForHash().get(jobKey(id), "spec");
		return (spec != null) ? Optional.of(this.json.readValue(spec.toString(), JobSpec.class)) : Optional.empty();
	}

	/** The job's state, counters and followers, without its spec. */
	Optional<JobHeader> header(String id) {
		List<Object> values = this.redis.opsForHash().multiGet(jobKey(id), List.copyOf(JobHeader.FIELDS));
		return Optional.ofNullable(JobHeader.of(values));
	}

	Map<String, Delivery> deliveries(String id) {
		Map<String, Delivery> deliveries = new HashMap<>();
		this.redis.opsForHash()
			.entries(nodesKey(id))
			.forEach((node, value) -> deliveries.put(node.toString(),
					this.json.readValue(value.toString(), Delivery.class)));
		return deliveries;
	}

	/**
	 * The header and every target's state in one round trip.
	 * @param id the job
	 * @return both, or empty if the job does not exist
	 */
	Optional<Snapshot> snapshot(String id) {
		List<Object> replies = this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			StringRedisConnection redis = strings(connection);
			redis.hMGet(jobKey(id), JobHeader.FIELDS.toArray(String[]::new));
			redis.hGetAll(nodesKey(id));
			return null;
		});
		JobHeader header = JobHeader.of((List<?>) replies.get(0));
		if (header == null) {
			return Optional.empty();
		}
		Map<String, Delivery> deliveries = new HashMap<>();
		((Map<?, ?>) replies.get(1)).forEach((node, value) -> deliveries.put(node.toString(),
				this.json.readValue(value.toString(), Delivery.class)));
		return Optional.of(new Snapshot(header, deliveries));
	}

	Optional<Delivery> delivery(String id, String node) {
		Object value = this.redis.opsForHash().get(nodesKey(id), node);
		return (value != null) ? Optional.of(this.json.readValue(value.toString(), Delivery.class)) : Optional.empty();
	}

	/**
	 * Runs the settle script for some nodes of a job.
	 * @param spec the job
	 * @param step what happens
	 * @param now the time, epoch milliseconds
	 * @param moves the nodes and the state each moves to
	 * @param overBudget the state of a node not started because the error budget is spent
	 * @return what the script did
	 */
	Settled settle(JobSpec spec, Step step, long now, Moves moves, Delivery overBudget) {
		List<String> args = new ArrayList<>(9 + moves.size() * 3);
		args.add(step.allowed());
		args.add(step.starts() ? "1" : "0");
		args.add(Integer.toString(spec.maxConcurrency()));
		args.add(Integer.toString(spec.maxErrors()));
		args.add(Long.toString(now));
		args.add(step.cancelsJob() ? "1" : "0");
		Delivery shared = moves.shared();
		args.add((shared != null) ? this.json.writeValueAsString(shared) : "");
		args.add((shared != null) ? shared.state() : "");
		args.add(this.json.writeValueAsString(overBudget));
		// Reports of one batch are mostly alike (same state, output and millisecond):
		// each distinct one is serialised once.
		Map<Delivery, String> encoded = (shared == null) ? new HashMap<>() : Map.of();
		for (String node : moves.nodes()) {
			args.add(node);
			if (shared == null) {
				Delivery delivery = moves.delivery(node);
				args.add(encoded.computeIfAbsent(delivery, this.json::writeValueAsString));
				args.add(delivery.state());
			}
		}
		List<?> result = this.redis.execute(SETTLE, List.of(jobKey(spec.id()), nodesKey(spec.id())), args.toArray());
		return Settled.of(result);
	}

	/**
	 * What follows a settle, in one pipeline: final nodes leave their queues, a finished
	 * job leaves the active set, and events go to followers.
	 * @param id the job
	 * @param dequeue nodes whose queue entry of the job is removed
	 * @param finished whether the job finished
	 * @param messages events for the job's channel
	 */
	void tidy(String id, Collection<String> dequeue, boolean finished, List<String> messages) {
		if (dequeue.isEmpty() && !finished && messages.isEmpty()) {
			return;
		}
		this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			StringRedisConnection redis = strings(connection);
			if (!dequeue.isEmpty()) {
				// Loaded ahead in the same pipeline (a no-op when Redis has it), so each
				// node's call sends the script's digest instead of its text.
				redis.scriptLoad(DEQUEUE.getScriptAsString());
			}
			for (String node : dequeue) {
				redis.evalSha(DEQUEUE.getSha1(), ReturnType.INTEGER, 1, queueKey(node), id);
			}
			if (finished) {
				redis.sRem(ACTIVE, id);
			}
			for (String message : messages) {
				redis.publish(JobEvents.channel(id), message);
			}
			return null;
		});
	}

	/**
	 * Counts a follower of a job in or out.
	 * @param id the job
	 * @param delta 1 or -1
	 * @param doneOnly whether the follower wants only the final job, not node events
	 */
	void follow(String id, int delta, boolean doneOnly) {
		this.redis.execute(FOLLOW, List.of(jobKey(id)), Integer.toString(delta), doneOnly ? "1" : "0");
	}

	private static StringRedisConnection strings(RedisConnection connection) {
		return (connection instanceof StringRedisConnection strings) ? strings
				: new DefaultStringRedisConnection(connection);
	}

	/** Removes a job that is no longer active from the active set. */
	void deactivate(String id) {
		this.redis.opsForSet().remove(ACTIVE, id);
	}

	Set<String> activeJobs() {
		Set<String> active = this.redis.opsForSet().members(ACTIVE);
		return (active != null) ? active : Set.of();
	}

	/**
	 * The positions of jobs after a position in the newest-first listing.
	 * @param after the last position a page looked at, or {@code null} for the newest
	 * @param count how many at most
	 * @return the positions, newest first
	 */
	List<JobPosition> jobsAfter(@Nullable JobPosition after, int count) {
		if (after == null) {
			return positions(this.redis.opsForZSet().reverseRangeWithScores(JOBS, 0, count - 1));
		}
		// Jobs of the same millisecond as the cursor sort on both sides of it: read
		// from its score and drop those up to it; each round moves on by offset.
		List<JobPosition> found = new ArrayList<>();
		long offset = 0;
		while (found.size() < count) {
			List<JobPosition> chunk = positions(this.redis.opsForZSet()
				.reverseRangeByScoreWithScores(JOBS, Double.NEGATIVE_INFINITY, after.createdAtMillis(), offset, count));
			chunk.stream().filter(after::isBefore).limit(count - found.size()).forEach(found::add);
			if (chunk.size() < count) {
				break;
			}
			offset += chunk.size();
		}
		return found;
	}

	private static List<JobPosition> positions(@Nullable Set<TypedTuple<String>> tuples) {
		List<JobPosition> positions = new ArrayList<>();
		if (tuples != null) {
			for (TypedTuple<String> tuple : tuples) {
				if (tuple.getValue() != null && tuple.getScore() != null) {
					positions.add(new JobPosition(tuple.getScore().longValue(), tuple.getValue()));
				}
			}
		}
		return positions;
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
		tidy(jobId, List.of(node), false, List.of());
	}

	/**
	 * A job's header and the state of every target, read together.
	 *
	 * @param header the header
	 * @param deliveries state per target
	 */
	record Snapshot(JobHeader header, Map<String, Delivery> deliveries) {

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

	/** What a follower of a job wants, as counted in the job's header. */
	enum Follower {

		/** Every target's state changes, live output and the final job. */
		NODE_EVENTS,

		/** Live output and the final job only. */
		END_ONLY

	}

}
