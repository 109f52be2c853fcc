package dev.ringlens.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * {@code PartitionJob --out DIR (--neo4j-url URL | --links-csv PATH) [options]}: writes every account's part id
 * (connected component of the account–identifier graph after the crowd cut) as CSV files {@code account_id,part_id}
 * under DIR (Spark's {@code part-*.csv} plus {@code _SUCCESS}).
 *
 * <p>The master comes from spark-submit ({@code --master yarn}, {@code k8s://…}, {@code spark://…}); run with plain
 * {@code java} (no spark.master set) it is {@code local[*]}, or whatever {@code --master} says. Exit codes: 0 done,
 * 2 bad usage, 1 failed.
 */
public final class PartitionJob {
  static final String USAGE =
      String.join(
          "\n",
          "Usage: PartitionJob --out DIR (--neo4j-url URL | --links-csv PATH) [options]",
          "",
          "  --out DIR                 folder for the part files (replaced)",
          "  --neo4j-url URL           read links from Neo4j (bolt:// or neo4j://) through the Neo4j Connector for Spark",
          "  --neo4j-user NAME         default neo4j; the password comes from NEO4J_PASSWORD or --neo4j-password-file",
          "  --neo4j-password-file F   file holding the password (first line)",
          "  --neo4j-database NAME     default neo4j",
          "  --neo4j-partitions N      parallel reads from Neo4j (SKIP/LIMIT pages of the link query), default 1",
          "  --links-csv PATH          read links from CSV file(s) with header account,kind,key instead",
          "  --max-sharers N           crowd cut for every kind, default 50 (server/detect/settings.ts)",
          "  --max-sharers-KIND N      crowd cut for one kind (device, payment, ip, email, phone, address)",
          "  --tie-kinds K1,K2,...     only identifiers of these kinds tie accounts (default: every kind)",
          "  --exclude-csv PATH        CSV kind,key (with header, RFC 4180 quotes): identifiers that tie nobody",
          "  --extra-ties-csv PATH     CSV a,b (with header): account pairs tied by evidence outside the links",
          "  --master URL              only when not run by spark-submit; default local[*]",
          "  --shuffle-partitions N    spark.sql.shuffle.partitions when not set by spark-submit, default 8");

  /** Bad command line: exit code 2. */
  public static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  record Options(
      String out,
      String neo4jUrl,
      String neo4jUser,
      String neo4jPasswordFile,
      String neo4jDatabase,
      int neo4jPartitions,
      String linksCsv,
      CrowdCut cut,
      String master,
      int shufflePartitions,
      List<String> tieKinds,
      String excludeCsv,
      String extraTiesCsv) {}

  static Options parse(String[] args) {
    Map<String, String> named = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) throw new UsageException("");
      if (!a.startsWith("--")) throw new UsageException("Unexpected argument '" + a + "'.");
      String name = a.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else {
        if (i + 1 >= args.length) throw new UsageException("Option --" + name + " needs a value.");
        value = args[++i];
      }
      named.put(name, value);
    }
    String out = named.remove("out");
    if (out == null) throw new UsageException("--out is required.");
    String url = named.remove("neo4j-url");
    String csv = named.remove("links-csv");
    if ((url == null) == (csv == null)) throw new UsageException("Give exactly one of --neo4j-url and --links-csv.");
    int maxSharers = intOption(named, "max-sharers", CrowdCut.DEFAULT_MAX_SHARERS);
    Map<String, Integer> byKind = new LinkedHashMap<>();
    for (String kind : CrowdCut.KINDS) {
      if (named.containsKey("max-sharers-" + kind)) byKind.put(kind, intOption(named, "max-sharers-" + kind, 0));
    }
    CrowdCut cut;
    try {
      cut = new CrowdCut(maxSharers, byKind);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    List<String> tieKinds = null;
    String kinds = named.remove("tie-kinds");
    if (kinds != null) {
      tieKinds = Arrays.stream(kinds.split(",")).map(String::trim).filter(k -> !k.isEmpty()).toList();
      for (String k : tieKinds) {
        if (!CrowdCut.KINDS.contains(k)) {
          throw new UsageException("--tie-kinds: '" + k + "' is not one of " + String.join(", ", CrowdCut.KINDS) + ".");
        }
      }
    }
    String excludeCsv = named.remove("exclude-csv");
    String extraTiesCsv = named.remove("extra-ties-csv");
    Options o =
        new Options(
            out,
            url,
            named.getOrDefault("neo4j-user", "neo4j"),
            named.get("neo4j-password-file"),
            named.getOrDefault("neo4j-database", "neo4j"),
            intOption(named, "neo4j-partitions", 1),
            csv,
            cut,
            named.get("master"),
            intOption(named, "shuffle-partitions", 8),
            tieKinds,
            excludeCsv,
            extraTiesCsv);
    for (String known : new String[] {"neo4j-user", "neo4j-password-file", "neo4j-database", "neo4j-partitions", "master", "shuffle-partitions"}) {
      named.remove(known);
    }
    if (!named.isEmpty()) throw new UsageException("Unknown option --" + named.keySet().iterator().next() + ".");
    return o;
  }

  private static int intOption(Map<String, String> named, String name, int fallback) {
    String v = named.remove(name);
    if (v == null) return fallback;
    try {
      int n = Integer.parseInt(v.trim());
      if (n < 1) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a positive whole number; got '" + v + "'.");
    }
  }

  /** The job's Cypher, kept with the project's other queries in cypher/ and packed into the jar. */
  static String cypher(String name) {
    try (InputStream in = PartitionJob.class.getResourceAsStream("/cypher/" + name)) {
      if (in == null) throw new IllegalStateException("cypher/" + name + " is missing from the jar.");
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // The connector appends paging to the query: strip comment lines so nothing trails a `//`.
      return text.lines().filter(l -> !l.trim().startsWith("//")).collect(Collectors.joining("\n")).trim();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String password(Options o) throws IOException {
    if (o.neo4jPasswordFile() != null) {
      return Files.readAllLines(Path.of(o.neo4jPasswordFile()), StandardCharsets.UTF_8).get(0).trim();
    }
    String env = System.getenv("NEO4J_PASSWORD");
    if (env == null || env.isEmpty()) {
      throw new UsageException("Set NEO4J_PASSWORD or pass --neo4j-password-file to read from Neo4j.");
    }
    return env;
  }

  static Dataset<Row> readLinks(SparkSession spark, Options o) throws IOException {
    if (o.linksCsv() != null) {
      return spark.read().option("header", "true").schema(Partitioner.LINKS).csv(o.linksCsv());
    }
    var reader =
        spark
            .read()
            .format("org.neo4j.spark.DataSource")
            .option("url", o.neo4jUrl())
            .option("authentication.type", "basic")
            .option("authentication.basic.username", o.neo4jUser())
            .option("authentication.basic.password", password(o))
            .option("database", o.neo4jDatabase())
            .option("query", cypher("spark-links.read.cypher"))
            .schema(Partitioner.LINKS);
    if (o.neo4jPartitions() > 1) {
      reader =
          reader
              .option("partitions", String.valueOf(o.neo4jPartitions()))
              .option("query.count", cypher("spark-links-count.read.cypher"));
    }
    return reader.load();
  }

  /** Runs the job; returns the number of accounts written. */
  public static long run(SparkSession spark, Options o) throws IOException {
    Dataset<Row> excluded =
        o.excludeCsv() == null
            ? null
            : spark.read().option("header", "true").option("escape", "\"").schema(Partitioner.EXCLUDED).csv(o.excludeCsv());
    Dataset<Row> extra =
        o.extraTiesCsv() == null
            ? null
            : spark.read().option("header", "true").option("escape", "\"").schema(Partitioner.EXTRA_TIES).csv(o.extraTiesCsv());
    Partitioner.Ties ties = new Partitioner.Ties(o.tieKinds(), excluded, extra);
    Dataset<Row> parts = Partitioner.parts(spark, readLinks(spark, o), o.cut(), ties).cache();
    parts.write().mode(SaveMode.Overwrite).option("header", "true").csv(o.out());
    return parts.count();
  }

  static SparkSession session(Options o) {
    SparkConf conf = new SparkConf().setAppName("ringlens-partition");
    if (!conf.contains("spark.master")) conf.setMaster(o.master() != null ? o.master() : "local[*]");
    if (!conf.contains("spark.sql.shuffle.partitions")) {
      conf.set("spark.sql.shuffle.partitions", String.valueOf(o.shufflePartitions()));
    }
    if (!conf.contains("spark.ui.enabled")) conf.set("spark.ui.enabled", "false");
    return SparkSession.builder().config(conf).getOrCreate();
  }

  public static void main(String[] args) {
    Options o;
    try {
      o = parse(args);
    } catch (UsageException e) {
      System.err.println(e.getMessage().isEmpty() ? USAGE : e.getMessage() + "\n\n" + USAGE);
      System.exit(e.getMessage().isEmpty() ? 0 : 2);
      return;
    }
    long started = System.nanoTime();
    SparkSession spark = session(o);
    try {
      spark.sparkContext().setLogLevel("WARN");
      long accounts = run(spark, o);
      System.out.printf(
          "Wrote the parts of %d accounts to %s in %.1f s (master %s).%n",
          accounts, o.out(), (System.nanoTime() - started) / 1e9, spark.sparkContext().master());
    } catch (UsageException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    } catch (Exception e) {
      System.err.println("Partition job failed: " + e);
      System.exit(1);
    } finally {
      spark.stop();
    }
  }
}
