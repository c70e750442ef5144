package io.alertflow.local;

import io.alertflow.serde.MockSchemaRegistry;
import io.alertflow.serde.SchemaNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Keeps the in-process {@code mock://} registry's schemas next to the broker's data, so that {@code ./alertflow up}
 * can be stopped and started again: every record on disk carries a schema id, and an empty registry after a
 * restart could read none of them. The file holds one schema per line, line {@code n} being schema id {@code n};
 * restoring registers them in that order, which gives them the same ids again (the mock registry numbers
 * schemas by first registration of their content, whatever the subject).
 */
final class RegistrySnapshot {
    /** Subject the restored schemas are registered under; producers re-register theirs under the real subject. */
    static final String RESTORED_SUBJECT_PREFIX = "alertflow-restored-";

    private final String scope;
    private final Path file;
    private int saved;

    RegistrySnapshot(String scope, Path file) {
        this.scope = scope;
        this.file = file;
    }

    /** Registers the saved schemas again, under the same ids; fails when the registry already numbered others. */
    void restore() {
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema snapshot " + file, e);
        }
        MockSchemaRegistry registry = MockSchemaRegistry.forScope(scope);
        for (int i = 0; i < lines.size(); i++) {
            int expected = i + 1;
            int id = registry.register(RESTORED_SUBJECT_PREFIX + expected, new Schema.Parser().parse(lines.get(i)));
            if (id != expected) {
                throw new StartupProblem("the schema snapshot " + file + " does not match the registry (schema " + expected
                        + " came back as " + id + "); delete the data directory to start afresh");
            }
        }
        saved = lines.size();
    }

    /** Writes every schema the registry holds, when it holds more than at the last save. */
    synchronized void save() {
        List<String> schemas = schemas(MockSchemaRegistry.forScope(scope));
        if (schemas.size() == saved) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, schemas, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            saved = schemas.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the schema snapshot " + file, e);
        }
    }

    /** Schemas by id, 1 upwards, until the first id the registry does not know. */
    static List<String> schemas(MockSchemaRegistry registry) {
        List<String> out = new ArrayList<>();
        for (int id = 1; ; id++) {
            try {
                out.add(registry.getById(id).toString());
            } catch (SchemaNotFoundException e) {
                return out;
            }
        }
    }
}
