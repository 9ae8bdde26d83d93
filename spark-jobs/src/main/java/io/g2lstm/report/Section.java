package io.g2lstm.report;

import java.util.List;

/** One section of the report: its anchor {@code id} (stable, for links and tests), its title and its blocks. */
record Section(String id, String title, List<Block> blocks) {

  Section {
    blocks = List.copyOf(blocks);
  }
}
