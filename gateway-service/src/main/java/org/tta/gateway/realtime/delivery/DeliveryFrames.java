package org.tta.gateway.realtime.delivery;

import java.util.Base64;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tta.schemas.json.TtaJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Renders a delivery record as the {@code event} frame: the CloudEvent in JSON format plus its position. */
public final class DeliveryFrames {

    private static final JsonMapper JSON = TtaJson.mapper();

    private DeliveryFrames() {
    }

    public static Delivery toDelivery(ConsumerRecord<String, CloudEvent> record) {
        Position position = new Position(record.partition(), record.offset());
        CloudEvent event = record.value();
        ObjectNode frame = JSON.createObjectNode();
        frame.put("type", "event");
        frame.put("position", position.toString());
        frame.set("event", eventJson(event));
        return new Delivery(record.key(), position, event.getId(), JSON.writeValueAsString(frame), record.timestamp());
    }

    static ObjectNode eventJson(CloudEvent event) {
        ObjectNode json = JSON.createObjectNode();
        json.put("specversion", event.getSpecVersion().toString());
        json.put("id", event.getId());
        json.put("source", event.getSource().toString());
        json.put("type", event.getType());
        if (event.getSubject() != null) {
            json.put("subject", event.getSubject());
        }
        if (event.getTime() != null) {
            json.put("time", event.getTime().toString());
        }
        if (event.getDataContentType() != null) {
            json.put("datacontenttype", event.getDataContentType());
        }
        if (event.getDataSchema() != null) {
            json.put("dataschema", event.getDataSchema().toString());
        }
        for (String name : event.getExtensionNames()) {
            Object value = event.getExtension(name);
            if (value != null) {
                json.put(name, value.toString());
            }
        }
        CloudEventData data = event.getData();
        if (data != null) {
            byte[] bytes = data.toBytes();
            String type = event.getDataContentType();
            if (type == null || type.startsWith("application/json") || type.endsWith("+json")) {
                try {
                    json.set("data", JSON.readTree(bytes));
                    return json;
                } catch (JacksonException notJson) {
                    // falls through to base64: the client still gets the bytes
                }
            }
            json.put("data_base64", Base64.getEncoder().encodeToString(bytes));
        }
        return json;
    }
}
