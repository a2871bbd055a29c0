package dev.labelbench.prompt;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import dev.labelbench.core.ChatMessage;
import dev.labelbench.core.Example;
import dev.labelbench.core.Label;
import dev.labelbench.core.LabelSet;
import dev.labelbench.core.LabelbenchException;
import dev.labelbench.core.Prompt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a template for one example with Mustache (no HTML escaping: prompts are plain text). Variables: every
 * dataset field by column name, {@code text}, {@code id}, {@code labels} (comma-separated), {@code label_list}
 * ({@code name}, {@code description}, {@code aliases} per label) and {@code examples} (the few-shot block: each with
 * the fields, {@code text} and {@code label}).
 */
public final class TemplateRenderer {
    /** Variables every template may use besides the dataset's own fields. */
    public static final Set<String> BUILT_INS = Set.of("text", "id", "labels", "label_list", "examples", "label",
            "name", "description", "aliases", "-first", "-last", "-index", ".", "this");

    private static final Mustache.Compiler COMPILER = Mustache.compiler().escapeHTML(false);

    private final PromptTemplate template;
    private final Template system;
    private final Template user;
    private final Template prompt;

    public TemplateRenderer(PromptTemplate template) {
        this.template = template;
        this.system = compile(template, "system", template.system());
        this.user = compile(template, "user", template.user());
        this.prompt = compile(template, "prompt", template.prompt());
    }

    private static Template compile(PromptTemplate template, String part, String text) {
        if (text == null) {
            return null;
        }
        try {
            return COMPILER.compile(text);
        } catch (MustacheException e) {
            throw LabelbenchException.input(template.path() + ": `" + part + "` is not a valid Mustache template: "
                    + e.getMessage());
        }
    }

    public PromptTemplate template() {
        return template;
    }

    /** Every variable name the template uses, in order of first use. */
    public Set<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        for (Template part : new Template[]{system, user, prompt}) {
            if (part == null) {
                continue;
            }
            part.visit(new Mustache.Visitor() {
                @Override
                public void visitText(String text) {
                }

                @Override
                public void visitVariable(String name) {
                    names.add(name);
                }

                @Override
                public boolean visitInclude(String name) {
                    return false;
                }

                @Override
                public boolean visitSection(String name) {
                    names.add(name);
                    return true;
                }

                @Override
                public boolean visitInvertedSection(String name) {
                    names.add(name);
                    return true;
                }
            });
        }
        return names;
    }

    /** The 1-based line of the template file where {@code variable} is first used, or 0 if not found. */
    public int lineOf(String variable, String fileText) {
        String[] lines = fileText.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].matches(".*\\{\\{[#^/&{]?\\s*" + java.util.regex.Pattern.quote(variable) + "\\s*}?}}.*")) {
                return i + 1;
            }
        }
        return 0;
    }

    public Prompt render(Example example, LabelSet labels, List<Example> fewShot) {
        Map<String, Object> context = context(example, labels, fewShot);
        try {
            if (template.kind() == Prompt.Kind.COMPLETION) {
                return Prompt.completion(template.name(), prompt.execute(context));
            }
            List<ChatMessage> messages = new ArrayList<>(2);
            if (system != null) {
                String text = system.execute(context).strip();
                if (!text.isEmpty()) {
                    messages.add(new ChatMessage("system", text));
                }
            }
            messages.add(new ChatMessage("user", user.execute(context).strip()));
            return Prompt.chat(template.name(), messages);
        } catch (MustacheException e) {
            throw LabelbenchException.input(template.path() + ": cannot render for example '" + example.id() + "': "
                    + e.getMessage());
        }
    }

    static Map<String, Object> context(Example example, LabelSet labels, List<Example> fewShot) {
        Map<String, Object> context = new HashMap<>(example.fields());
        context.put("text", example.text());
        context.put("id", example.id());
        context.put("labels", String.join(", ", labels.names()));
        List<Map<String, Object>> labelList = new ArrayList<>();
        for (Label label : labels.labels()) {
            labelList.add(Map.of("name", label.name(), "description", label.description(),
                    "aliases", String.join(", ", label.aliases())));
        }
        context.put("label_list", labelList);
        List<Map<String, Object>> shots = new ArrayList<>();
        for (Example shot : fewShot) {
            Map<String, Object> values = new HashMap<>(shot.fields());
            values.put("text", shot.text());
            values.put("label", shot.gold());
            shots.add(values);
        }
        context.put("examples", shots);
        return context;
    }
}
