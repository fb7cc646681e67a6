package dev.easel.generation;

import dev.easel.catalog.ModelSpec;
import dev.easel.catalog.PixelSize;
import dev.easel.catalog.SizeRule;
import dev.easel.error.EaselException;
import java.util.List;
import java.util.Optional;

/** Turns the client's {@code size} into the pixel size the model will render, per its size rule. */
final class SizeResolver {
    // A request size a snapping model still takes as a shape: beyond this it is a typo, not a wish.
    private static final int SNAP_MAX_EDGE = 16_384;

    private SizeResolver() {
    }

    static PixelSize resolve(ModelSpec model, Optional<String> requested) {
        SizeRule rule = model.size();
        if (requested.isEmpty()) {
            return rule.defaultSize();
        }
        String text = requested.get();
        if (text.equals("auto") && acceptsAuto(rule)) {
            return rule.defaultSize();
        }
        PixelSize size = switch (rule) {
            case SizeRule.Fixed fixed -> fixed(model, fixed, text);
            case SizeRule.Flexible flexible -> flexible(model, flexible, text);
            case SizeRule.Snap snap -> snap(model, snap, text);
        };
        return size;
    }

    // DALL-E's fixed lists never took `auto`; every other rule resolves it to the default size.
    private static boolean acceptsAuto(SizeRule rule) {
        return !(rule instanceof SizeRule.Fixed fixed) || fixed.acceptsAuto();
    }

    private static PixelSize fixed(ModelSpec model, SizeRule.Fixed rule, String text) {
        return PixelSize.parse(text).filter(rule.sizes()::contains).orElseThrow(() -> invalid(text,
                model.id() + " supports " + rule.describe() + "."));
    }

    private static PixelSize flexible(ModelSpec model, SizeRule.Flexible rule, String text) {
        PixelSize size = PixelSize.parse(text).orElseThrow(() -> invalid(text,
                model.id() + " takes 'auto' or WIDTHxHEIGHT, for example '1536x1024'."));
        List<String> broken = rule.violations(size);
        if (!broken.isEmpty()) {
            throw invalid(text, "For " + model.id() + ", " + String.join("; ", broken) + ".");
        }
        return size;
    }

    // DashScope writes sizes as W*H, so a qwen client may send either form.
    private static PixelSize snap(ModelSpec model, SizeRule.Snap rule, String text) {
        PixelSize size = PixelSize.parse(text).or(() -> PixelSize.parse(text, '*'))
                .filter(s -> s.width() <= SNAP_MAX_EDGE && s.height() <= SNAP_MAX_EDGE)
                .orElseThrow(() -> invalid(text, model.id() + " takes 'auto' or WIDTHxHEIGHT (each edge at most "
                        + SNAP_MAX_EDGE + "); it renders the listed size with the nearest aspect ratio."));
        return rule.snap(size);
    }

    private static EaselException invalid(String text, String rule) {
        return EaselException.invalidParameter("size", "Invalid value for 'size': '" + text + "'. " + rule);
    }
}
