package io.g2lstm.prep.bpe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Dense integer ids for BPE symbols, so the hot loops compare ints, not strings. Not thread-safe. */
final class SymbolTable {

  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> symbols = new ArrayList<>();

  /** The id of {@code symbol}, giving it the next free id if it has none. */
  int intern(String symbol) {
    Integer id = ids.get(symbol);
    if (id != null) {
      return id;
    }
    symbols.add(symbol);
    ids.put(symbol, symbols.size() - 1);
    return symbols.size() - 1;
  }

  /** The id of {@code symbol}, or -1 if it has none. */
  int idOf(String symbol) {
    return ids.getOrDefault(symbol, -1);
  }

  String symbol(int id) {
    return symbols.get(id);
  }

  int size() {
    return symbols.size();
  }
}
