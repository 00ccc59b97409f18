package cn.zhixing.examples.cloudevents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads Zhixing's integration events from one Kafka topic with the official CloudEvents SDK
 * for Java and prints one JSON line per record.
 *
 * <pre>java -jar reader.jar &lt;bootstrap&gt; &lt;topic&gt; [&lt;count&gt;]</pre>
 *
 * <p>Reads the topic from its beginning (a fresh consumer group each run) and stops after
 * {@code count} records, or runs until interrupted. A tombstone (DebtorCleared on
 * zhixing.credit.list.v1) has a null value: it is not a CloudEvent, so the value is checked
 * first; its key and {@code ce_*} headers still say which identity was cleared.
 */
public final class Reader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Reader() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java -jar reader.jar <bootstrap> <topic> [<count>]");
            System.exit(2);
        }
        long count = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "zhixing-cloudevents-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        // Bytes, not the SDK's CloudEventDeserializer: a tombstone must be seen as such.
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(args[1]));
            long read = 0;
            while (read < count) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    System.out.println(JSON.writeValueAsString(describe(record)));
                    read += 1;
                    if (read >= count) {
                        break;
                    }
                }
            }
        }
    }

    /** One record: the CloudEvent the SDK read, or the tombstone's key and headers. */
    static ObjectNode describe(ConsumerRecord<String, byte[]> record) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("key", record.key());
        if (record.value() == null) {
            // Nothing is in force against the key any more: delete it from your copy.
            line.put("tombstone", true);
            line.put("type", header(record, "ce_type"));
            line.put("subject", header(record, "ce_subject"));
            line.put("sequence", header(record, "ce_sequence"));
            return line;
        }
        line.put("tombstone", false);
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException error) {  // not a CloudEvent: say so and go on
            line.put("error", String.valueOf(error.getMessage()));
            return line;
        }
        ObjectNode attributes = line.putObject("event");
        attributes.put("specversion", event.getSpecVersion().toString());
        attributes.put("id", event.getId());
        attributes.put("type", event.getType());
        attributes.put("source", event.getSource().toString());
        attributes.put("subject", event.getSubject());
        attributes.put("time", event.getTime() == null ? null : event.getTime().toString());
        attributes.put("datacontenttype", event.getDataContentType());
        for (String name : event.getExtensionNames()) {
            attributes.put(name, String.valueOf(event.getExtension(name)));
        }
        if (event.getData() != null) {
            attributes.set("data", JSON.readTree(event.getData().toBytes()));
        }
        return line;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
