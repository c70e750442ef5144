package io.alertflow.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * An in-memory Schema Registry for {@code mock://SCOPE} URLs, shared by every serde of the JVM that names
 * the same scope; it has the registry's semantics: ids follow content across subjects and a new version
 * must be BACKWARD compatible with the subject's latest one.
 */
public final class MockSchemaRegistry implements SchemaRegistryClient {

    private static final Map<String, MockSchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private final String scope;
    private final Map<String, Integer> idsByContent = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<SchemaVersion>> versionsBySubject = new HashMap<>();

    private MockSchemaRegistry(String scope) {
        this.scope = scope;
    }

    /** The registry of {@code scope}, created on first use. */
    public static MockSchemaRegistry forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, MockSchemaRegistry::new);
    }

    /** Forgets the registry of {@code scope}; the next {@link #forScope} starts empty. */
    public static void drop(String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<SchemaVersion> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        String content = schema.toString();
        for (SchemaVersion version : versions) {
            if (version.schema().toString().equals(content)) {
                return version.id();
            }
        }
        if (!versions.isEmpty()) {
            requireBackwardCompatible(subject, versions.get(versions.size() - 1), schema);
        }
        int id = idsByContent.computeIfAbsent(content, c -> idsByContent.size() + 1);
        schemasById.putIfAbsent(id, schema);
        versions.add(new SchemaVersion(subject, versions.size() + 1, id, schema));
        return id;
    }

    @Override
    public synchronized Schema getById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaNotFoundException("Schema id " + id + " not found in mock registry '" + scope + "'");
        }
        return schema;
    }

    @Override
    public synchronized int lookup(String subject, Schema schema) {
        String content = schema.toString();
        return versionsOf(subject).stream()
                .filter(v -> v.schema().toString().equals(content))
                .findFirst()
                .orElseThrow(() -> new SchemaNotFoundException("Schema not found under subject '" + subject
                        + "' in mock registry '" + scope + "'"))
                .id();
    }

    @Override
    public synchronized SchemaVersion latest(String subject) {
        List<SchemaVersion> versions = versionsOf(subject);
        return versions.get(versions.size() - 1);
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        List<SchemaVersion> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            return true;
        }
        return backwardCompatibility(versions.get(versions.size() - 1), schema).getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }

    private List<SchemaVersion> versionsOf(String subject) {
        List<SchemaVersion> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SchemaNotFoundException("Subject '" + subject + "' not found in mock registry '" + scope + "'");
        }
        return versions;
    }

    private static void requireBackwardCompatible(String subject, SchemaVersion latest, Schema candidate) {
        SchemaPairCompatibility result = backwardCompatibility(latest, candidate);
        if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new IncompatibleSchemaException("Schema being registered is incompatible with version "
                    + latest.version() + " of subject '" + subject + "' (BACKWARD): "
                    + describe(result));
        }
    }

    private static String describe(SchemaPairCompatibility result) {
        StringBuilder text = new StringBuilder();
        for (SchemaCompatibility.Incompatibility problem : result.getResult().getIncompatibilities()) {
            text.append(text.length() == 0 ? "" : "; ").append(problem.getType()).append(" at ")
                    .append(problem.getLocation()).append(": ").append(problem.getMessage());
        }
        return text.toString();
    }

    /** BACKWARD: consumers using the new schema can read data written with the latest one. */
    private static SchemaPairCompatibility backwardCompatibility(SchemaVersion latest, Schema candidate) {
        return SchemaCompatibility.checkReaderWriterCompatibility(candidate, latest.schema());
    }
}
