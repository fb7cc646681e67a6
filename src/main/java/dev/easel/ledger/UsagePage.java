package dev.easel.ledger;

import java.util.List;

/** One page of usage entries, newest first; {@code hasMore} says whether an older page exists. */
public record UsagePage(List<UsageEntry> entries, boolean hasMore) {
    public UsagePage {
        entries = List.copyOf(entries);
    }
}
