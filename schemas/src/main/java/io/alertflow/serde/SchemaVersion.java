package io.alertflow.serde;

import org.apache.avro.Schema;

/** One registered version of a subject: its version number, global schema id and schema. */
public record SchemaVersion(String subject, int version, int id, Schema schema) {
}
