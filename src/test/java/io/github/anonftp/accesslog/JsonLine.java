package io.github.anonftp.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

/** Reads a record back with Jackson's own parser: one flat object, no duplicate key, nothing after it. */
final class JsonLine {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonLine() {
    }

    /** The keys and scalar values of {@code line}, in order; fails the test when it is not one flat object. */
    static Map<String, Object> parse(String line) {
        assertThat(line).doesNotContain("\n", "\r", "\u0085", "\u2028", "\u2029");
        assertThat(line.chars().filter(c -> c < 0x20 || (c >= 0x7F && c <= 0x9F))).isEmpty();
        try (JsonParser parser = FACTORY.createParser(line)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            Map<String, Object> fields = new LinkedHashMap<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                assertThat(token).isEqualTo(JsonToken.FIELD_NAME);
                String key = parser.currentName();
                fields.put(key, value(parser, parser.nextToken()));
            }
            assertThat(parser.nextToken()).as("anything after the object").isNull();
            return fields;
        } catch (IOException e) {
            throw new UncheckedIOException("not one valid JSON object: " + line, e);
        }
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getLongValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> throw new AssertionError("not a flat scalar value: " + token);
        };
    }
}
