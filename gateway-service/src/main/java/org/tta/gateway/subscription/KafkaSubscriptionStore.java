package org.tta.gateway.subscription;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.tta.gateway.publish.BrokerUnavailableException;
import org.tta.schemas.json.TtaJson;
import org.tta.schemas.subscription.Subscription;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@link SubscriptionStore} on the compacted topic: a producer for writes and a view that reads
 * every partition from the beginning (no consumer group) and follows it. The view holds every
 * subscription in memory; the topic is small (one record per live subscription after compaction).
 */
final class KafkaSubscriptionStore implements SubscriptionStore, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaSubscriptionStore.class);

    private final String topic;
    private final Map<String, Object> consumerConfig;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, Subscription> view = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    KafkaSubscriptionStore(String topic, Map<String, Object> consumerBase, Map<String, Object> producerBase) {
        this.topic = topic;
        Map<String, Object> consumer = new HashMap<>(consumerBase);
        consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumerConfig = consumer;
        Map<String, Object> producer = new HashMap<>(producerBase);
        producer.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(producer);
    }

    @Override
    public Mono<Subscription> put(Subscription subscription) {
        byte[] value = TtaJson.mapper().writeValueAsBytes(subscription);
        return send(new ProducerRecord<>(topic, subscription.id(), value))
                .doOnNext(ack -> view.put(subscription.id(), subscription))
                .thenReturn(subscription);
    }

    @Override
    public Mono<Void> delete(String id) {
        return send(new ProducerRecord<>(topic, id, null)).doOnNext(ack -> view.remove(id)).then();
    }

    @Override
    public Optional<Subscription> get(String id) {
        return Optional.ofNullable(view.get(id));
    }

    @Override
    public List<Subscription> ownedBy(String owner) {
        return view.values().stream().filter(s -> owner.equals(s.owner())).toList();
    }

    // send() may block for metadata up to max.block.ms, and the acknowledgement is awaited: both off
    // the event loop, on the bounded elastic pool (subscription writes are rare).
    private Mono<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        return Mono.fromCallable(() -> producer.send(record).get(10, java.util.concurrent.TimeUnit.SECONDS))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(e -> new BrokerUnavailableException("subscription write not acknowledged", e));
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("subscriptions-view").daemon().start(this::follow);
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void follow() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig)) {
            consumer = kafka;
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(5));
                partitions = infos == null ? List.of() : infos.stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
            }
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.error("Subscriptions view stopped topic={}", topic, e);
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            view.remove(record.key());
            return;
        }
        try {
            view.put(record.key(), TtaJson.mapper().readValue(record.value(), Subscription.class));
        } catch (RuntimeException e) {
            view.remove(record.key());
            log.warn("Unreadable subscription record id={} partition={} offset={}", record.key(), record.partition(),
                    record.offset());
        }
    }
}
