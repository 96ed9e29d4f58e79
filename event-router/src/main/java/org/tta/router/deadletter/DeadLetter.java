package org.tta.router.deadletter;

/**
 * One dead letter as the API lists it: where it is, what it was and why it failed. Never the data.
 *
 * @param topic        the dead-letter topic
 * @param partition    its partition
 * @param offset       its offset
 * @param key          the session id
 * @param eventId      the CloudEvent id ({@code ce_id}), null for unreadable records
 * @param type         the CloudEvent type, null for unreadable records
 * @param subscription the subscription it failed for, null for unreadable records
 * @param status       last HTTP status (0 no answer, -1 not sent)
 * @param attempts     attempts made
 * @param error        last error kind
 * @param at           when it was dead-lettered
 */
public record DeadLetter(String topic, int partition, long offset, String key, String eventId, String type,
        String subscription, Integer status, Integer attempts, String error, String at) {
}
