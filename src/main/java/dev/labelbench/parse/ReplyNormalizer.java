package dev.labelbench.parse;

import java.util.regex.Pattern;

/** Strips what does not change a reply's meaning: surrounding whitespace, punctuation, quotes and markdown emphasis. */
public final class ReplyNormalizer {
    private static final Pattern EDGE_NOISE = Pattern.compile("^[\\s\\p{Punct}“”‘’«»]+|[\\s\\p{Punct}“”‘’«»]+$");
    /** Markdown emphasis; an underscore inside a word ({@code book_flight}) is part of the word, not emphasis. */
    private static final Pattern EMPHASIS = Pattern.compile("[*`~]+|(?<![\\p{L}\\p{N}])_+|_+(?![\\p{L}\\p{N}])");

    private ReplyNormalizer() {
    }

    public static String normalize(String reply) {
        if (reply == null) {
            return "";
        }
        String text = EMPHASIS.matcher(reply).replaceAll("");
        return EDGE_NOISE.matcher(text).replaceAll("").replaceAll("\\s+", " ");
    }
}
