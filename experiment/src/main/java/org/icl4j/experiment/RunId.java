package org.icl4j.experiment;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The identity of a run: its kind and the first 16 hex digits of the SHA-256 of the canonical JSON of
 * {@code {"input": <id of the run it uses>, "kind": …, "settings": …}}. Two runs with equal normalised settings
 * and inputs are the same run, whichever figure asked for it, so it runs once. The value is also the name of the
 * run's folder.
 *
 * @param value e.g. {@code train-3fa9c2d1e0b4a7c6}
 */
public record RunId(String value) implements Comparable<RunId> {
    /** Validates the form {@code kind-hex16}. */
    public RunId {
        requireNonNull(value, "value is null");
        if (!value.matches("[a-z][a-z0-9-]*-[0-9a-f]{16}")) {
            throw new IllegalArgumentException("a run id is KIND-<16 hex digits>, found '" + value + "'");
        }
    }

    /**
     * @param kind the run's kind
     * @param settings its settings
     * @param input the run it uses, if any
     * @return the identity
     */
    public static RunId of(String kind, Settings settings, Optional<RunId> input) {
        return new RunId(kind + "-" + HexFormat.of().formatHex(sha256(identityJson(kind, settings, input))).substring(0, 16));
    }

    /**
     * @param kind the run's kind
     * @param settings its settings
     * @param input the run it uses, if any
     * @return the canonical JSON the identity is the hash of
     */
    public static String identityJson(String kind, Settings settings, Optional<RunId> input) {
        ObjectNode identity = JsonNodeFactory.instance.objectNode();
        input.ifPresent(id -> identity.put("input", id.value()));
        identity.put("kind", kind);
        identity.set("settings", settings.toJson());
        return Settings.canonicalJson(identity);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public int compareTo(RunId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
