package dev.labelbench.report;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The report's Mustache templates and inline assets, read from {@code src/main/resources/report/}. Mustache escapes
 * every {@code {{value}}} for HTML; triple braces are used only for our own CSS, JavaScript and the script-safe JSON.
 */
final class Templates {
    private static final Mustache.Compiler COMPILER = Mustache.compiler()
            .defaultValue("")
            .nullValue("");

    private Templates() {
    }

    static Template compile(String name) {
        return COMPILER.compile(resource(name));
    }

    static String resource(String name) {
        try (InputStream in = Templates.class.getResourceAsStream("/report/" + name)) {
            if (in == null) {
                throw new IllegalStateException("report resource missing from the jar: /report/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CSP source for an inline script: only scripts with exactly this text may run in the page. */
    static String cspHash(String script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A template context from alternating keys and values. */
    static Map<String, Object> view(Object... keysAndValues) {
        Map<String, Object> view = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            view.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return view;
    }
}
