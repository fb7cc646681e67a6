package dev.easel.ledger;

/** Usage summed over one group: a key id, a model id, or a day ({@code 2026-11-24}, UTC). */
public record UsageGroup(String group, UsageTotals totals) {

    /** What admin reports group by. */
    public enum By { KEY, MODEL, DAY }
}
