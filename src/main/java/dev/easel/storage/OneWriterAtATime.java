package dev.easel.storage;

import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * On SQLite, this process's transactions (every one of Easel's writes) take turns on a lock before
 * asking for the database's one write lock. Left to SQLite, a writer that finds that lock taken sleeps
 * 1, 2, 5 ... up to 100 ms between tries (inside native code, so holding its carrier thread) while
 * newcomers overtake it; a writer waiting here is woken as soon as the lock is free. With 100 KB images
 * at 64 connections that took the gateway's p99 from 96-211 ms to 37-44 ms (docs/PERFORMANCE.md).
 * Other processes on the same file (the {@code easel keys} command) still meet SQLite's own waiting.
 */
final class OneWriterAtATime extends DelegatingTransactionHandler {
    private final TransactionHandler delegate;
    private final ReentrantLock writer; // reentrant: a transaction may nest

    OneWriterAtATime(TransactionHandler delegate) {
        this(delegate, new ReentrantLock());
    }

    private OneWriterAtATime(TransactionHandler delegate, ReentrantLock writer) {
        super(delegate);
        this.delegate = delegate;
        this.writer = writer;
    }

    /** Each handle gets its own transaction handler from JDBI; all of them share the one lock. */
    @Override
    public TransactionHandler specialize(Handle handle) throws SQLException {
        return new OneWriterAtATime(delegate.specialize(handle), writer);
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        writer.lock();
        try {
            return super.inTransaction(handle, callback);
        } finally {
            writer.unlock();
        }
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
                                                    HandleCallback<R, X> callback) throws X {
        writer.lock();
        try {
            return super.inTransaction(handle, level, callback);
        } finally {
            writer.unlock();
        }
    }
}
