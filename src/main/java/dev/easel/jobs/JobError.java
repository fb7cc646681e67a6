package dev.easel.jobs;

import java.util.Optional;

/** The OpenAI error a failed job reports, kept as the four fields plus the HTTP status it would have had. */
public record JobError(int status, String message, String type, Optional<String> param, Optional<String> code) {
}
