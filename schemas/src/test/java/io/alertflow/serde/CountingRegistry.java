package io.alertflow.serde;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/** Delegates to a registry and counts the calls, so tests can show the serdes cache. */
final class CountingRegistry implements SchemaRegistryClient {

    final AtomicInteger registers = new AtomicInteger();
    final AtomicInteger getByIds = new AtomicInteger();
    final AtomicInteger lookups = new AtomicInteger();
    final AtomicInteger latests = new AtomicInteger();
    private final SchemaRegistryClient delegate;

    CountingRegistry(SchemaRegistryClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public int register(String subject, Schema schema) {
        registers.incrementAndGet();
        return delegate.register(subject, schema);
    }

    @Override
    public Schema getById(int id) {
        getByIds.incrementAndGet();
        return delegate.getById(id);
    }

    @Override
    public int lookup(String subject, Schema schema) {
        lookups.incrementAndGet();
        return delegate.lookup(subject, schema);
    }

    @Override
    public SchemaVersion latest(String subject) {
        latests.incrementAndGet();
        return delegate.latest(subject);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return delegate.isCompatible(subject, schema);
    }
}
