package dev.easel.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** The records of {@code GET /v1/usage} and {@code GET /admin/usage}; money in USD, exact to the micro-dollar. */
final class UsageWire {
    private UsageWire() {
    }

    record KeyUsage(String object, String keyId, Optional<BudgetState> budget, Totals totals, List<Entry> data,
                    boolean hasMore) {
    }

    /** The budget and where the key stands in its current period. */
    record BudgetState(BigDecimal usd, String period, String periodKey, BigDecimal spentUsd, BigDecimal reservedUsd,
                       BigDecimal remainingUsd) {
    }

    record Totals(long requests, long images, BigDecimal priceUsd) {
    }

    /** One request; the operator's cost is not shown to the key. */
    record Entry(String id, String object, long createdAt, String requestId, String model, String size,
                 String quality, int nRequested, int nDelivered, long inputTokens, long outputTokens,
                 BigDecimal priceUsd, long latencyMs, String status) {
    }

    record Report(String object, String groupBy, long from, long to, List<Group> data) {
    }

    record Group(String group, long requests, long images, BigDecimal costUsd, BigDecimal priceUsd) {
    }
}
