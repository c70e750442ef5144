package io.alertflow.serde;

import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry API the serdes need; implemented over HTTP and in memory.
 *
 * <p>Every method throws a {@link SchemaRegistryException} subtype on failure, so callers in a
 * serializer or deserializer surface registry problems as Kafka {@code SerializationException}s.
 */
public interface SchemaRegistryClient {

    /**
     * Registers {@code schema} under {@code subject} (or finds it already registered) and returns its global id.
     *
     * @throws IncompatibleSchemaException when the subject's compatibility rule refuses the schema
     */
    int register(String subject, Schema schema);

    /**
     * Returns the schema with the given global id.
     *
     * @throws SchemaNotFoundException when no schema has that id
     */
    Schema getById(int id);

    /**
     * Returns the id of {@code schema} when it is registered under {@code subject}, without registering it.
     *
     * @throws SchemaNotFoundException when the subject is unknown or does not hold the schema
     */
    int lookup(String subject, Schema schema);

    /**
     * Returns the latest version registered under {@code subject}.
     *
     * @throws SchemaNotFoundException when the subject is unknown
     */
    SchemaVersion latest(String subject);

    /**
     * Tells whether {@code schema} could be registered under {@code subject} by its compatibility rule
     * (checked against the latest version). A subject with no versions accepts any schema.
     */
    boolean isCompatible(String subject, Schema schema);
}
