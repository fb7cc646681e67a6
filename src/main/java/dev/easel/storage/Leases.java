package dev.easel.storage;

import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * Named, time-limited leases in the database, so a duty that any instance may run (the image sweep)
 * is run by one at a time. A holder that dies simply lets its lease lapse.
 */
public final class Leases {
    private final Jdbi jdbi;
    private final Clock clock;

    public Leases(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Takes or renews the lease {@code name} for {@code holder}; false while another holder's lease runs. */
    public boolean tryAcquire(String name, String holder, Duration length) {
        long now = clock.millis();
        long until = now + length.toMillis();
        return jdbi.inTransaction(h -> {
            h.createUpdate("INSERT INTO leases (name, holder, until_ms) VALUES (:name, '', 0) ON CONFLICT DO NOTHING")
                    .bind("name", name).execute();
            return h.createUpdate("""
                            UPDATE leases SET holder = :holder, until_ms = :until
                            WHERE name = :name AND (holder = :holder OR until_ms < :now)""")
                    .bind("holder", holder).bind("until", until).bind("name", name).bind("now", now)
                    .execute() == 1;
        });
    }
}
