package a2.grade;

import a2.io.InvalidInputException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How points are given ({@code RUBRIC.json}; the default is {@code rubric-default.json} in this package's
 * resources). A team earns {@link #reproducedPoints} when its submission is reproduced (MATCH, and NEAR_TIES_ONLY
 * when {@link #nearTiesOnlyReproduced}); {@link #benchmarkPoints} when its submitted private accuracy (the whole
 * accuracy without a Usage column) reaches {@link #benchmarkAccuracy} — only for a reproduced submission when
 * {@link #benchmarkNeedsReproduction}; minus the penalties that apply, never below 0. An override replaces the
 * points of one team and its reason is shown in the team's row and report.
 */
public record Rubric(double benchmarkAccuracy, double benchmarkPoints, double reproducedPoints,
                     boolean nearTiesOnlyReproduced, boolean benchmarkNeedsReproduction, Penalties penalties,
                     List<Override> overrides) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Points taken off for what the cross-checks flag (a human should look at those teams). */
    public record Penalties(double kagglePublicMismatch, double sharedModel, double suspiciousAgreement) {}

    /**
     * @param points  the team's points, replacing what the rubric computes; absent: computed as usual
     * @param memory  a memory limit for this team (as {@code --memory}), e.g. for a model known to need more
     * @param reason  why, shown in the team's report (required)
     */
    public record Override(String team, Double points, String memory, String reason) {}

    public Rubric {
        overrides = List.copyOf(overrides);
    }

    public static Rubric defaults() {
        return JSON.convertValue(defaultTree(), Rubric.class).validated("the default rubric");
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode defaultTree() {
        try (InputStream in = Rubric.class.getResourceAsStream("rubric-default.json")) {
            return (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A rubric file names only what differs from the default; a field the default lacks is a typo. */
    public static Rubric read(Path file) {
        byte[] bytes = Roster.readBounded(file, "rubric");
        com.fasterxml.jackson.databind.JsonNode given;
        try {
            given = JSON.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new InvalidInputException(file + where + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        if (!(given instanceof com.fasterxml.jackson.databind.node.ObjectNode object)) {
            throw new InvalidInputException(file + ": a rubric is a JSON object");
        }
        var merged = defaultTree();
        List<String> unknown = new ArrayList<>();
        object.fieldNames().forEachRemaining(f -> {
            if (!merged.has(f)) {
                unknown.add(f);
            }
        });
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(file + ": unknown field" + (unknown.size() == 1 ? " " : "s ")
                    + String.join(", ", unknown) + " (known: " + String.join(", ", iterable(merged)) + ")");
        }
        if (object.get("penalties") instanceof com.fasterxml.jackson.databind.node.ObjectNode p) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) merged.get("penalties")).setAll(p);
            object.remove("penalties");
        }
        merged.setAll(object);
        try {
            return JSON.treeToValue(merged, Rubric.class).validated(file.toString());
        } catch (IOException | IllegalArgumentException e) {
            String msg = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage();
            throw new InvalidInputException(file + ": not a valid rubric: " + msg, e);
        }
    }

    private static List<String> iterable(com.fasterxml.jackson.databind.JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private Rubric validated(String name) {
        List<String> problems = new ArrayList<>();
        if (!(benchmarkAccuracy >= 0 && benchmarkAccuracy <= 1)) {
            problems.add(name + ": benchmarkAccuracy must be a fraction in [0, 1], got " + benchmarkAccuracy);
        }
        if (benchmarkPoints < 0 || reproducedPoints < 0) {
            problems.add(name + ": points must be >= 0");
        }
        if (penalties == null) {
            problems.add(name + ": penalties are required");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < overrides.size(); i++) {
            Override o = overrides.get(i);
            String where = name + ": overrides[" + i + "]: ";
            if (o.team() == null || o.team().isBlank()) {
                problems.add(where + "team is required");
            } else if (seen.put(o.team(), i) != null) {
                problems.add(where + "a second override for team '" + o.team() + "'");
            }
            if (o.reason() == null || o.reason().isBlank()) {
                problems.add(where + "reason is required (it is shown in the team's report)");
            }
            if (o.points() != null && o.points() < 0) {
                problems.add(where + "points must be >= 0");
            }
            if (o.memory() != null) {
                try {
                    Limits.parseBytes(o.memory());
                } catch (IllegalArgumentException e) {
                    problems.add(where + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join("\n", problems));
        }
        return this;
    }

    public Optional<Override> overrideFor(String team) {
        return overrides.stream().filter(o -> o.team().equals(team)).findFirst();
    }

    /** Teams the overrides name that the roster lacks: a typo the TA must hear about. */
    public List<String> unknownTeams(Roster roster) {
        List<String> names = roster.teams().stream().map(Roster.Team::name).toList();
        return overrides.stream().map(Override::team).filter(t -> !names.contains(t)).toList();
    }

    public byte[] canonicalBytes() {
        try {
            return new ObjectMapper().writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
