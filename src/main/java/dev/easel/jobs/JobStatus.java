package dev.easel.jobs;

import java.util.Locale;

/** Where a job is in its life; the wire names are the lower-case forms. */
public enum JobStatus {
    QUEUED, IN_PROGRESS, SUCCEEDED, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
