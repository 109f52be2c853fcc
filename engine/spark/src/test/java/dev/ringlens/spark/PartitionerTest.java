package dev.ringlens.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the partition job for real: Spark in local mode, GraphX connected components, CSV output. */
class PartitionerTest {
  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("ringlens-partition-test")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private static Row link(String account, String kind, String key) {
    return RowFactory.create(account, kind, key);
  }

  private static Map<String, String> partsOf(Dataset<Row> parts) {
    Map<String, String> m = new TreeMap<>();
    for (Row r : parts.collectAsList()) m.put(r.getString(0), r.getString(1));
    return m;
  }

  /**
   * A device ring (r1–r3, chained by two devices and a card), a couple on one email, an IP crowd of 4 accounts that
   * must not glue anyone together at maxSharers 3, an account on single-use identifiers only, and the same key
   * under two kinds (separate identifiers).
   */
  static List<Row> sample() {
    List<Row> rows = new ArrayList<>();
    rows.add(link("r1", "device", "dev-a"));
    rows.add(link("r2", "device", "dev-a"));
    rows.add(link("r2", "device", "dev-b"));
    rows.add(link("r3", "device", "dev-b"));
    rows.add(link("r3", "payment", "pm_1"));
    rows.add(link("r1", "payment", "pm_1"));
    rows.add(link("r1", "device", "dev-a")); // a repeated link changes nothing
    rows.add(link("c1", "email", "home@example.com"));
    rows.add(link("c2", "email", "home@example.com"));
    for (String a : new String[] {"r1", "c1", "x1", "x2"}) rows.add(link(a, "ip", "203.0.113.9"));
    rows.add(link("solo", "phone", "+15550100"));
    rows.add(link("k1", "device", "same-key"));
    rows.add(link("k2", "address", "same-key"));
    return rows;
  }

  @Test
  void componentsAfterTheCrowdCut() {
    Dataset<Row> links = spark.createDataFrame(sample(), Partitioner.LINKS);
    Map<String, String> parts = partsOf(Partitioner.parts(spark, links, new CrowdCut(3, Map.of())));
    Map<String, String> expected = new TreeMap<>();
    for (String a : new String[] {"r1", "r2", "r3"}) expected.put(a, "r1");
    expected.put("c1", "c1");
    expected.put("c2", "c1");
    for (String a : new String[] {"x1", "x2", "solo", "k1", "k2"}) expected.put(a, a);
    assertEquals(expected, parts);
  }

  @Test
  void aKindLimitAboveTheCrowdSizeLetsTheIpTie() {
    Dataset<Row> links = spark.createDataFrame(sample(), Partitioner.LINKS);
    Map<String, String> parts = partsOf(Partitioner.parts(spark, links, new CrowdCut(3, Map.of("ip", 4))));
    // The IP used by r1, c1, x1, x2 now ties the ring, the couple and both x accounts into one part.
    for (String a : new String[] {"r1", "r2", "r3", "c1", "c2", "x1", "x2"}) assertEquals("c1", parts.get(a), a);
    assertEquals("solo", parts.get("solo"));
  }

  @Test
  void tiesNarrowAndWidenWhatJoinsAccounts() {
    Dataset<Row> links = spark.createDataFrame(sample(), Partitioner.LINKS);
    // Only devices and emails tie; dev-b ties nobody (a placeholder, say); r3 and solo are tied by outside evidence.
    Dataset<Row> excluded = spark.createDataFrame(List.of(RowFactory.create("device", "dev-b")), Partitioner.EXCLUDED);
    Dataset<Row> extra =
        spark.createDataFrame(
            List.of(RowFactory.create("r3", "solo"), RowFactory.create("n1", "n2")), Partitioner.EXTRA_TIES);
    Map<String, String> parts =
        partsOf(
            Partitioner.parts(
                spark, links, new CrowdCut(3, Map.of()), new Partitioner.Ties(List.of("device", "email"), excluded, extra)));
    assertEquals("r1", parts.get("r2"));
    // The card pm_1 no longer ties r1 and r3 (payment is not a tie kind), nor does dev-b tie r2 and r3.
    assertEquals("r3", parts.get("r3"));
    assertEquals("r3", parts.get("solo"));
    assertEquals("c1", parts.get("c2"));
    // Accounts known only from extra ties get parts too.
    assertEquals("n1", parts.get("n2"));
    assertEquals("k1", parts.get("k1"));
    assertThrows(
        PartitionJob.UsageException.class,
        () -> PartitionJob.parse(new String[] {"--out", "x", "--links-csv", "l", "--tie-kinds", "device,fax"}));
  }

  @Test
  void defaultsFollowTheDetectionSettings() {
    assertEquals(50, CrowdCut.defaults().maxSharersFor("ip"));
    assertThrows(IllegalArgumentException.class, () -> new CrowdCut(1, Map.of()));
    assertThrows(IllegalArgumentException.class, () -> new CrowdCut(50, Map.of("fax", 3)));
  }

  @Test
  void theJobReadsLinksFromCsvAndWritesPartFiles(@TempDir Path dir) throws IOException {
    Path in = dir.resolve("links.csv");
    List<String> lines = new ArrayList<>(List.of("account,kind,key"));
    for (Row r : sample()) lines.add(r.getString(0) + "," + r.getString(1) + "," + r.getString(2));
    Files.write(in, lines, StandardCharsets.UTF_8);
    Path out = dir.resolve("parts");

    PartitionJob.Options o =
        PartitionJob.parse(
            new String[] {"--links-csv", in.toString(), "--out", out.toString(), "--max-sharers", "3"});
    assertEquals(10, PartitionJob.run(spark, o));

    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    Map<String, String> written = new TreeMap<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".csv")).toList()) {
        List<String> rows = Files.readAllLines(f, StandardCharsets.UTF_8);
        assertEquals("account_id,part_id", rows.get(0));
        for (String row : rows.subList(1, rows.size())) {
          String[] cells = row.split(",");
          written.put(cells[0], cells[1]);
        }
      }
    }
    assertEquals(partsOf(Partitioner.parts(spark, spark.createDataFrame(sample(), Partitioner.LINKS), o.cut())), written);
    assertEquals("r1", written.get("r3"));
  }

  @Test
  void usageErrorsNameTheProblem() {
    var e = assertThrows(PartitionJob.UsageException.class, () -> PartitionJob.parse(new String[] {"--out", "x"}));
    assertTrue(e.getMessage().contains("--neo4j-url"), e.getMessage());
    e =
        assertThrows(
            PartitionJob.UsageException.class,
            () -> PartitionJob.parse(new String[] {"--out", "x", "--links-csv", "l", "--max-sharers-fax", "3"}));
    assertTrue(e.getMessage().contains("max-sharers-fax"), e.getMessage());
  }
}
