"""The event pipeline of DESIGN §5: the outbox, the relay, the tracked consumer, the
dead-letter queue, and the two event sources behind one port (Kafka and the
notification log)."""
