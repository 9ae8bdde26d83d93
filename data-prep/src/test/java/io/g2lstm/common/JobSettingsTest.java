package io.g2lstm.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobSettingsTest {

  /** Reads one setting of the user's own section, as a job's settings record does. */
  private static int mergesAndMine(SettingsReader config) {
    return config.section("prepare").section("bpe").intIn("merges", 0, 100_000)
        + config.section("mine").intIn("value", 0, 10);
  }

  @Test
  void aKeyTheSettingsReadIsAcceptedAndOneNobodyReadsIsRejectedWithItsPlace() {
    JobSettings<Integer> job = JobSettings.read(SettingsReader.parse("mine.value = 3\nprepare.bpe.merges = 7\n",
        "job.conf"), JobSettingsTest::mergesAndMine);
    assertEquals(10, job.settings());

    ConfigurationException e = assertThrows(ConfigurationException.class, () -> JobSettings.read(
        SettingsReader.parse("mine.value = 3\nmine.valeu = 4\n", "job.conf"), JobSettingsTest::mergesAndMine));
    assertEquals("job.conf:2: key 'mine.valeu': expected a known setting (see the defaults in "
        + SettingsReader.REFERENCE + "), found an unknown key", e.getMessage());
  }

  @Test
  void theResolvedTextHoldsTheDefaultsAndTheOverridesAndItsDigestIsItsSha256() {
    JobSettings<Integer> job = JobSettings.read(SettingsReader.parse("mine.value = 3\n", "job.conf",
        Map.of("prepare.bpe.merges", 123)), JobSettingsTest::mergesAndMine);
    assertTrue(job.resolved().contains("merges=123"), job.resolved());
    assertTrue(job.resolved().contains("max-line-bytes=65536"), "defaults included: " + job.resolved());
    assertEquals(JobSettings.sha256(job.resolved()), job.digest());
    assertEquals(64, job.digest().length());
  }

  @Test
  void aSectionsDigestChangesOnlyWithThatSection() {
    JobSettings<Integer> first = JobSettings.read(SettingsReader.parse("mine.value = 3\n", "a.conf"),
        JobSettingsTest::mergesAndMine);
    JobSettings<Integer> otherSection = JobSettings.read(SettingsReader.parse("mine.value = 4\n", "b.conf"),
        JobSettingsTest::mergesAndMine);
    JobSettings<Integer> sameSection = JobSettings.read(SettingsReader.parse("mine.value = 3\n"
        + "prepare.partitions = 5\n", "c.conf"), JobSettingsTest::mergesAndMine);
    assertEquals(first.sectionDigest("prepare"), otherSection.sectionDigest("prepare"));
    assertNotEquals(first.digest(), otherSection.digest());
    assertNotEquals(first.sectionDigest("prepare"), sameSection.sectionDigest("prepare"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> first.sectionDigest("nope"));
    assertTrue(e.getMessage().startsWith("section 'nope': expected one of ["), e.getMessage());
  }

  @Test
  void oneJobsShareKeepsTheWholeConfiguration() {
    JobSettings<List<Integer>> both = JobSettings.read(SettingsReader.parse("mine.value = 2\n", "job.conf"),
        config -> List.of(mergesAndMine(config), 1));
    JobSettings<Integer> part = both.map(list -> list.get(1));
    assertEquals(1, part.settings());
    assertEquals(both.resolved(), part.resolved());
    assertEquals(both.digest(), part.digest());
    assertEquals(both.sectionDigests(), part.sectionDigests());
  }
}
