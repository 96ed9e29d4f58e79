package org.tta.gateway.realtime.delivery.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.tta.gateway.realtime.delivery.Delivery;
import org.tta.gateway.realtime.delivery.cache.HistoryCache.Chunk;
import org.tta.gateway.redis.SharedStateProperties;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Writes the fan-out's chunks to Redis on a thread of its own, off the fan-out loop and every event loop:
 * a bounded queue ({@code write-queue} chunks and records; beyond, a chunk is dropped and counted), batches of up to {@code write-batch} records,
 * one script per batch, one batch in flight. Per partition it keeps the start of its unbroken run (the
 * positions since which every chunk it took was written); a dropped chunk or a failed batch breaks the
 * run, and the next batch starts a new one, which raises the partition's {@code v} unless another writer
 * covered the gap (see {@link HistoryScripts#APPEND}). A Redis failure never reaches the fan-out.
 */
final class HistoryWriter {

    private static final Logger log = LoggerFactory.getLogger(HistoryWriter.class);
    private static final Duration TAKE = Duration.ofMillis(500);
    private static final Duration BATCH_LIMIT = Duration.ofSeconds(10);

    private final ReactiveStringRedisTemplate redis;
    private final SharedStateProperties keys;
    private final HistoryCacheProperties properties;
    private final BlockingQueue<Chunk> queue;
    private final AtomicInteger queuedRecords = new AtomicInteger();
    private final Map<Integer, Run> runs = new HashMap<>(); // writer thread only
    private final Map<Integer, Long> confirmed = new ConcurrentHashMap<>();
    private final Map<Integer, Long> offered = new ConcurrentHashMap<>();
    private final Sinks.Many<Integer> progress = Sinks.many().multicast().directBestEffort();
    private final Counter written;
    private final Counter failed;
    private final Counter dropped;
    private final Counter holes;
    private final Thread thread;
    private volatile boolean running = true;
    private Chunk held;
    private boolean failing;

    HistoryWriter(ReactiveStringRedisTemplate redis, SharedStateProperties keys, HistoryCacheProperties properties,
                  MeterRegistry meters) {
        this.redis = redis;
        this.keys = keys;
        this.properties = properties;
        this.queue = new ArrayBlockingQueue<>(properties.writeQueue());
        this.written = meters.counter("tta.gateway.realtime.history.cache.writes", "outcome", "written");
        this.failed = meters.counter("tta.gateway.realtime.history.cache.writes", "outcome", "failed");
        this.dropped = meters.counter("tta.gateway.realtime.history.cache.writes", "outcome", "dropped");
        this.holes = meters.counter("tta.gateway.realtime.history.cache.holes");
        this.thread = Thread.ofPlatform().name("realtime-history-writer").daemon().start(this::run);
    }

    /** From the fan-out thread: never blocks. At most {@code write-queue} chunks and records wait. */
    void offer(Chunk chunk) {
        offered.put(chunk.partition(), chunk.to());
        int records = chunk.deliveries().size();
        if (queuedRecords.addAndGet(records) > properties.writeQueue() || !queue.offer(chunk)) {
            queuedRecords.addAndGet(-records);
            dropped.increment(Math.max(1, records));
        }
    }

    /** The end of the last chunk of the partition handed to this writer (written, waiting or dropped), or -1. */
    long offered(int partition) {
        return offered.getOrDefault(partition, -1L);
    }

    /** The position up to which this instance's writes of a partition are confirmed, or -1. */
    long confirmed(int partition) {
        return confirmed.getOrDefault(partition, -1L);
    }

    /** True once this instance's writes of the partition are confirmed up to {@code target}; false after {@code wait}. */
    Mono<Boolean> awaitConfirmed(int partition, long target, Duration wait) {
        // subscribed to progress before the first check: a confirmation in between is not missed
        return Flux.merge(progress.asFlux(), Mono.just(partition))
                .filter(any -> confirmed(partition) >= target)
                .next()
                .map(any -> true)
                .timeout(wait, Mono.just(false));
    }

    private void run() {
        while (running) {
            try {
                List<Chunk> batch = nextBatch();
                if (!batch.isEmpty()) {
                    write(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("The history cache writer failed; it carries on: {}", e.toString());
            }
        }
    }

    /**
     * Chunks in queue order up to {@code write-batch} records. A chunk that does not continue its partition's
     * previous chunk in this batch is held for the next one, so that a batch has one unbroken section per partition.
     */
    private List<Chunk> nextBatch() throws InterruptedException {
        Chunk first = held != null ? held : taken(queue.poll(TAKE.toMillis(), TimeUnit.MILLISECONDS));
        held = null;
        List<Chunk> batch = new ArrayList<>();
        if (first == null) {
            return batch;
        }
        Map<Integer, Long> ends = new HashMap<>();
        batch.add(first);
        ends.put(first.partition(), first.to());
        int records = first.deliveries().size();
        while (records < properties.writeBatch()) {
            Chunk next = taken(queue.poll());
            if (next == null) {
                break;
            }
            Long end = ends.get(next.partition());
            if (end != null && end != next.from()) {
                held = next;
                break;
            }
            batch.add(next);
            ends.put(next.partition(), next.to());
            records += next.deliveries().size();
        }
        return batch;
    }

    private Chunk taken(Chunk chunk) {
        if (chunk != null) {
            queuedRecords.addAndGet(-chunk.deliveries().size());
        }
        return chunk;
    }

    private void write(List<Chunk> batch) {
        Map<Integer, Section> sections = new LinkedHashMap<>();
        for (Chunk chunk : batch) {
            sections.computeIfAbsent(chunk.partition(), p -> new Section(p, chunk.from())).add(chunk);
        }
        List<String> keyList = new ArrayList<>();
        Map<String, Integer> keyIndex = new HashMap<>();
        List<String> args = new ArrayList<>(List.of(Integer.toString(properties.perSession()),
                Long.toString(properties.ttl().toMillis()), UUID.randomUUID().toString(), Integer.toString(sections.size())));
        int records = 0;
        for (Section section : sections.values()) {
            Run run = runs.computeIfAbsent(section.partition, p -> new Run());
            if (run.lastTo != section.from) {
                run.start = section.from; // a new unbroken run (first chunk, or after a drop or a failure)
            }
            args.add(index(keys.key("hist-mark", Integer.toString(section.partition)), keyList, keyIndex));
            args.addAll(List.of(run.epoch, Long.toString(run.start), Long.toString(section.from), Long.toString(section.to),
                    Integer.toString(section.deliveries.size())));
            for (Delivery delivery : section.deliveries) {
                args.add(index(keys.key("hist", delivery.sessionId()), keyList, keyIndex));
                args.addAll(List.of(HistoryScripts.id(delivery.position()), Long.toString(delivery.timestamp()), delivery.eventId(),
                        delivery.frame()));
            }
            records += section.deliveries.size();
        }
        List<String> result;
        try {
            result = HistoryScripts.strings(redis.execute(HistoryScripts.APPEND, keyList, args).collectList()
                    .block(BATCH_LIMIT));
            if (result.size() != sections.size() + 1) {
                throw new IllegalStateException("unexpected answer of the append script: " + result.size() + " values");
            }
        } catch (RuntimeException e) {
            for (Section section : sections.values()) {
                runs.get(section.partition).lastTo = -1; // broken: the next batch starts a new run
            }
            failed.increment(Math.max(1, records));
            if (!failing) {
                failing = true;
                log.warn("Could not write to the history cache (resumes seek Kafka until it recovers): {}", e.toString());
            }
            return;
        }
        if (failing) {
            failing = false;
            log.info("Writing to the history cache again");
        }
        int i = 0;
        for (Section section : sections.values()) {
            Run run = runs.get(section.partition);
            run.epoch = result.get(i++);
            run.lastTo = section.to;
            confirmed.put(section.partition, section.to);
        }
        written.increment(records);
        holes.increment(Long.parseLong(result.get(i)));
        for (Section section : sections.values()) {
            progress.tryEmitNext(section.partition);
        }
    }

    private static String index(String key, List<String> keyList, Map<String, Integer> keyIndex) {
        return Integer.toString(keyIndex.computeIfAbsent(key, k -> {
            keyList.add(k);
            return keyList.size();
        }));
    }

    void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        progress.tryEmitComplete();
    }

    /** This writer's unbroken run in one partition: since {@code start} it wrote every chunk it took, up to {@code lastTo}. */
    private static final class Run {
        long start;
        long lastTo = -1;
        String epoch = "";
    }

    private static final class Section {
        final int partition;
        final long from;
        long to;
        final List<Delivery> deliveries = new ArrayList<>();

        Section(int partition, long from) {
            this.partition = partition;
            this.from = from;
            this.to = from;
        }

        void add(Chunk chunk) {
            to = chunk.to();
            deliveries.addAll(chunk.deliveries());
        }
    }
}
