// node mirror.js <bootstrap> [<topic>]: a partner's copy of the credit list (R42).
const { Kafka: CloudEvents } = require("cloudevents"); // npm cloudevents 10.0.0
const { Kafka } = require("kafkajs"); // npm kafkajs 2.2.4

const mirror = new Map(); // identity number → its DebtorCreditState
const kafka = new Kafka({ brokers: [process.argv[2]], logLevel: 1 /* errors only */ });
const consumer = kafka.consumer({ groupId: "partner-x.credit-list" });

async function main() {
  await consumer.connect();
  const topic = process.argv[3] ?? "zhixing.credit.list.v1";
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => {
    const key = message.key.toString();
    if (message.value === null) {
      mirror.delete(key); // DebtorCleared: a tombstone, not a CloudEvent — check it first
    } else {
      const headers = {}; // kafkajs gives Buffers, the SDK reads strings
      for (const [name, value] of Object.entries(message.headers)) headers[name] = value.toString();
      const event = CloudEvents.toEvent({ key, value: message.value, headers });
      mirror.set(key, event.data);
    }
    console.log(JSON.stringify({ key, listed: mirror.get(key)?.listed ?? false }));
  } });
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  // Leave the group at once: a new start would otherwise wait out the old member's session.
  process.once(signal, () => consumer.disconnect().finally(() => process.exit(0)));
}
main().catch((error) => { console.error(error.message); process.exit(1); });
