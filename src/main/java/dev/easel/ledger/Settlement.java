package dev.easel.ledger;

import dev.easel.catalog.ImageUsage;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * What a finished generation delivered, for {@link Reservation#settle}.
 *
 * @param delivered  images the client received
 * @param reported   token usage the upstream reported; when absent, the model's token rule estimates it
 * @param channel    which channel served it
 * @param costMultiplier what the channel charges the operator as a multiple of list price, when the
 *                       channel carries its own cost; list price otherwise
 */
public record Settlement(int delivered, Optional<ImageUsage> reported, String channel,
                         Optional<BigDecimal> costMultiplier) {

    public Settlement {
        if (delivered < 0) {
            throw new IllegalArgumentException("delivered must not be negative but was " + delivered);
        }
    }

    public static Settlement of(int delivered, Optional<ImageUsage> reported, String channel) {
        return new Settlement(delivered, reported, channel, Optional.empty());
    }

    public Settlement withCostMultiplier(Optional<BigDecimal> multiplier) {
        return new Settlement(delivered, reported, channel, multiplier);
    }
}
