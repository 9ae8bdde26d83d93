package io.g2lstm.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void writesNestedValuesInOrderWithEscapes() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", "a \"quoted\"\ttab");
    map.put("n", 3);
    map.put("list", List.of(1.5, true));
    map.put("empty", Map.of());
    assertEquals("{\n  \"name\": \"a \\\"quoted\\\"\\ttab\",\n  \"n\": 3,\n  \"list\": [\n    1.5,\n    true\n  ],\n"
        + "  \"empty\": {}\n}\n", Json.write(map));
  }

  @Test
  void controlCharactersAreEscaped() {
    assertEquals("\"\\u0001\"\n", Json.write("\u0001"));
  }
}
