package a2.recipe;

import a2.io.InvalidInputException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Recipes as JSON: strict parsing (unknown, missing and null fields are errors that name the field), the upgrade of
 * files written before a field existed, the recipes shipped in the jar, and the sorted, indented form written beside
 * every run. {@link Recipe}'s static methods are the public face of these.
 */
final class RecipeFiles {
    private RecipeFiles() {}

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    static Recipe parse(String json, String origin) {
        try {
            return JSON.treeToValue(upgrade(JSON.readTree(json)), Recipe.class);
        } catch (IOException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String msg = root instanceof IllegalArgumentException ? root.getMessage()
                    : e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            // Jackson's original message omits where a type mismatch happened ("not a valid `int` value"); the
            // compact constructors' messages already name their field.
            String at = root instanceof IllegalArgumentException || !(e instanceof JsonMappingException m) ? ""
                    : fieldPath(m);
            throw new InvalidInputException("recipe " + origin + " is invalid: " + msg
                    + (at.isEmpty() ? "" : " (at " + at + ")"), e);
        }
    }

    /**
     * Recipes written before FixMatch existed (inside the first model files too) lack the two FixMatch fields
     * of {@code semi}, recipes written before noisy-student lack {@code teacher}, and those before FixMatch's exact
     * loss lack {@code unlabeledWeight}; missing, they meant "unused" (one mean over the batch's rows),
     * which is what the defaults say. A teacher written as one model ({@code recipe, sha256, perClass}, inside the
     * first student's model file too) is a one-model list with hard labels. Every other field stays required.
     * Model files apply this to the recipe they carry.
     */
    static JsonNode upgrade(JsonNode tree) {
        if (tree instanceof ObjectNode root) {
            // Recipes written before airbench's network and optimizer: the VGG network, warm-up + cosine, the best epoch;
            // before the activation field: ReLU, and for airbench ND4J's GELU, which its first models were trained with.
            if (root.get("model") instanceof ObjectNode model) {
                putIfAbsent(model, "architecture", Recipe.Model.VGG);
                putIfAbsent(model, "testViews", "none");
                putIfAbsent(model, "activation", Recipe.Model.defaultActivation(model.path("architecture").asText()));
            }
            if (root.get("optimizer") instanceof ObjectNode opt && !opt.has("schedule")) {
                opt.put("schedule", Recipe.Optimizer.WARMUP_COSINE);
                opt.put("labelSmoothing", 0.0);
                opt.put("shiftRateScale", 1.0);
                opt.put("lookahead", false);
            }
            if (root.get("budget") instanceof ObjectNode budget) {
                putIfAbsent(budget, "keep", Recipe.Budget.BEST);
            }
            for (JsonNode augment : List.of(root.path("augment"), root.path("semi").path("strongAugment"))) {
                if (augment instanceof ObjectNode a && !a.has("randAugmentOps")) {
                    a.put("randAugmentOps", 0);
                }
            }
        }
        if (tree instanceof ObjectNode root && root.get("semi") instanceof ObjectNode semi) {
            if (!semi.has("unlabeledBatch") && !semi.has("strongAugment")) {
                semi.put("unlabeledBatch", 0);
                semi.putNull("strongAugment");
            }
            if (root.get("model") instanceof ObjectNode model && !model.has("fusedBatchNormRelu")) {
                model.put("fusedBatchNormRelu", false);
            }
            if (!semi.has("unlabeledWeight")) {
                semi.putNull("unlabeledWeight");
            }
            if (!semi.has("teacher")) {
                semi.putNull("teacher");
            } else if (semi.get("teacher") instanceof ObjectNode t && t.has("recipe") && !t.has("models")) {
                // The first form of a teacher, one model with hard labels: {recipe, sha256, perClass}.
                ObjectNode member = t.objectNode();
                member.set("recipe", t.remove("recipe"));
                if (t.has("sha256")) {
                    member.set("sha256", t.remove("sha256"));
                }
                t.putArray("models").add(member);
                t.put("soft", false);
            }
            if (semi.get("teacher") instanceof ObjectNode t && !t.has("images")) {
                t.put("images", Teacher.UNLABELED);
            }
        }
        return tree;
    }

    private static void putIfAbsent(ObjectNode node, String field, String value) {
        if (!node.has(field)) {
            node.put(field, value);
        }
    }

    /** {@code optimizer.batchSize}, {@code model.widths[1]}: where in the document a mapping error happened. */
    private static String fieldPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** A file path, or the name of a recipe shipped in the jar ({@code cifar10-a2-supervised}, …). */
    static Recipe load(String pathOrName) {
        Path p = Path.of(pathOrName);
        try {
            if (Files.isRegularFile(p)) {
                return parse(Files.readString(p), p.toString());
            }
            try (InputStream in = RecipeCatalog.open(pathOrName)) {
                if (in == null) {
                    throw new InvalidInputException("no recipe file " + p.toAbsolutePath() + " and no built-in recipe '"
                            + pathOrName + "'; built-in: " + String.join(", ", builtIn()));
                }
                return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "built-in " + pathOrName);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read recipe " + pathOrName + ": " + e.getMessage(), e);
        }
    }

    /** Every recipe in the jar, the shipped ones first ({@link RecipeCatalog}; RecipeTest checks it against the folders). */
    static List<String> builtIn() {
        return RecipeCatalog.all();
    }
}
