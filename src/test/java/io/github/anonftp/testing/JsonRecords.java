package io.github.anonftp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/** Parses flat JSON Lines records (the access log's) into ordered maps, failing on anything else. */
public final class JsonRecords {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private JsonRecords() {
    }

    public static Map<String, Object> parse(String line) {
        Map<String, Object> record = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(line)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object: " + line);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                record.put(key, value == JsonToken.VALUE_STRING ? parser.getText()
                        : value == JsonToken.VALUE_NUMBER_INT ? (Object) parser.getLongValue()
                        : value == JsonToken.VALUE_TRUE ? Boolean.TRUE
                        : value == JsonToken.VALUE_FALSE ? Boolean.FALSE : parser.getText());
            }
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("more than one value on the line: " + line);
            }
            return record;
        } catch (IOException e) {
            throw new UncheckedIOException("invalid JSON: " + line, e);
        }
    }

    /** The records of {@code lines} whose event is {@code event}. */
    public static List<Map<String, Object>> events(List<String> lines, String event) {
        return lines.stream().map(JsonRecords::parse).filter(r -> event.equals(r.get("event")))
                .collect(Collectors.toList());
    }
}
