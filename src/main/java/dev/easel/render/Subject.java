package dev.easel.render;

import java.util.Objects;
import java.util.Optional;

/**
 * One kind of thing in the scene.
 *
 * @param color the colour word written right before it, if any ("a red house")
 * @param count how many to draw: 1, or a few when the prompt used the plural
 */
public record Subject(SubjectKind kind, Optional<NamedColor> color, int count) {

    public Subject {
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(color, "color == null");
        if (count < 1 || count > 5) {
            throw new IllegalArgumentException("count must be in [1, 5] but was " + count);
        }
    }
}
