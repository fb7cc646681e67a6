package dev.easel.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Placeholder until the catalogue lands. */
public record ModelSpec(String id, List<String> aliases, String ownedBy, long created, Optional<LocalDate> shutdownDate,
                        ModelFamily family, boolean streams, boolean revisedPrompt) {
}
