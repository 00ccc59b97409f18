// Reads Zhixing's integration events from one Kafka topic with the official CloudEvents
// SDK for JavaScript (npm `cloudevents`, Kafka through kafkajs) and prints one JSON line
// per record on stdout.
//
//   node reader.js <bootstrap> <topic> [<count>]
//
// Reads the topic from its beginning (a fresh consumer group each run) and stops after
// <count> records — or runs until Ctrl-C when no count is given.
//
// A tombstone (DebtorCleared on zhixing.credit.list.v1) has a null value: it is not a
// CloudEvent, and Kafka.toEvent throws on it ("Value is null or undefined"). Check the
// value first; the key and the ce_* headers still say which identity was cleared.
"use strict";

const { Kafka: CloudEventsKafka } = require("cloudevents");
const { Kafka, logLevel } = require("kafkajs");

// kafkajs gives header values as Buffers; the SDK reads strings.
function stringHeaders(headers) {
  const strings = {};
  for (const [name, value] of Object.entries(headers || {})) {
    strings[name] = Buffer.isBuffer(value) ? value.toString("utf8") : String(value);
  }
  return strings;
}

// One record as a plain object: the CloudEvent the SDK read, or the tombstone's key.
function describe(partition, message) {
  const headers = stringHeaders(message.headers);
  const key = message.key === null ? null : message.key.toString("utf8");
  const where = { partition, offset: message.offset, key };
  if (message.value === null) {
    // A tombstone: nothing is in force against `key` any more. Delete it from your copy.
    return { ...where, tombstone: true, type: headers.ce_type, subject: headers.ce_subject,
             sequence: headers.ce_sequence };
  }
  try {
    const event = CloudEventsKafka.toEvent({ key, value: message.value, headers });
    return { ...where, tombstone: false, event: event.toJSON() };
  } catch (error) {  // not a CloudEvent: say so and go on (kafkajs would retry it forever)
    return { ...where, tombstone: false, error: error.message };
  }
}

async function main() {
  const [bootstrap, topic, countText] = process.argv.slice(2);
  if (!bootstrap || !topic) {
    console.error("usage: node reader.js <bootstrap> <topic> [<count>]");
    process.exit(2);
  }
  const count = countText === undefined ? Infinity : Number(countText);
  const kafka = new Kafka({
    clientId: "zhixing-cloudevents-reader", brokers: bootstrap.split(","),
    logLevel: logLevel.ERROR,
    logCreator: () => ({ level, log }) => console.error(`kafkajs ${level}: ${log.message}`),
  });
  const consumer = kafka.consumer({ groupId: `zhixing-cloudevents-reader-${process.pid}-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let read = 0;
  let finish;
  const done = new Promise((resolve) => { finish = resolve; });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      if (read >= count) return;
      process.stdout.write(JSON.stringify(describe(partition, message)) + "\n");
      read += 1;
      if (read >= count) finish();
    },
  });
  process.once("SIGINT", finish);
  process.once("SIGTERM", finish);
  await done;
  await consumer.disconnect();
}

main().catch((error) => {
  console.error(`reader failed: ${error.message}`);
  process.exit(1);
});
