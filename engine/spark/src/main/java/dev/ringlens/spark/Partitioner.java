package dev.ringlens.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.graphx.Edge;
import org.apache.spark.graphx.Graph;
import org.apache.spark.graphx.lib.ConnectedComponents;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Parts of the account–identifier graph: its connected components after the crowd cut, found with GraphX.
 *
 * <p>Input: links {@code (account, kind, key)}, one row per account–identifier pair (repeats are harmless). An
 * identifier ties its accounts when 2 ≤ its distinct accounts ≤ its kind's maxSharers. Every account of the input
 * gets a part; the part id is the smallest account id of the part (string order), so ids do not depend on Spark's
 * numbering and two runs on the same data agree. An account whose identifiers are all single-use or crowds is a part
 * of its own.
 *
 * <p>{@link Ties} narrows and widens what ties accounts, so the parts can equal RingLens's strong-tie parts
 * (server/detect/partition.ts): only some kinds tie ({@code --tie-kinds}), some identifiers tie nobody (placeholders,
 * generic identifiers, evidence of rings marked false positive: {@code --exclude-csv kind,key}) and some account pairs
 * are tied by evidence the links do not hold (templated mailboxes, relay transfers: {@code --extra-ties-csv a,b}).
 */
public final class Partitioner {
  public static final StructType LINKS =
      new StructType()
          .add("account", DataTypes.StringType, false)
          .add("kind", DataTypes.StringType, false)
          .add("key", DataTypes.StringType, false);

  private static final ClassTag<Integer> INT = ClassTag$.MODULE$.apply(Integer.class);

  private Partitioner() {}

  /** The kind's maxSharers as a column expression over {@code kind}. */
  static Column limitOf(CrowdCut cut) {
    Column limit = lit(cut.maxSharers());
    for (String kind : CrowdCut.KINDS) {
      limit = when(col("kind").equalTo(kind), lit(cut.maxSharersFor(kind))).otherwise(limit);
    }
    return limit;
  }

  /** Schema of {@code --exclude-csv}: identifiers that tie nobody. */
  public static final StructType EXCLUDED =
      new StructType().add("kind", DataTypes.StringType, false).add("key", DataTypes.StringType, false);

  /** Schema of {@code --extra-ties-csv}: account pairs tied by evidence outside the links. */
  public static final StructType EXTRA_TIES =
      new StructType().add("a", DataTypes.StringType, false).add("b", DataTypes.StringType, false);

  /**
   * What ties beyond the crowd cut: {@code kinds} that tie (null: all), identifiers that never tie ({@code excluded},
   * columns kind, key; may be null) and extra account pairs ({@code extra}, columns a, b; may be null).
   */
  public record Ties(List<String> kinds, Dataset<Row> excluded, Dataset<Row> extra) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static Ties all() {
      return new Ties(null, null, null);
    }
  }

  /** {@code (account_id, part_id)} for every account in {@code input}. */
  public static Dataset<Row> parts(SparkSession spark, Dataset<Row> input, CrowdCut cut) {
    return parts(spark, input, cut, Ties.all());
  }

  /** {@code (account_id, part_id)} for every account in {@code input} and in {@code ties.extra()}. */
  public static Dataset<Row> parts(SparkSession spark, Dataset<Row> input, CrowdCut cut, Ties ties) {
    // One identity column per identifier: kinds have separate key spaces (an IP and a device may share a key).
    Dataset<Row> links =
        input
            .select(col("account"), col("kind"), concat_ws("\u0000", col("kind"), col("key")).as("ident"))
            .distinct()
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> tying =
        links
            .groupBy("ident", "kind")
            .agg(count(lit(1)).as("sharers"))
            .where(col("sharers").geq(2).and(col("sharers").leq(limitOf(cut))));
    if (ties.kinds() != null) tying = tying.where(col("kind").isin(ties.kinds().toArray()));
    tying = tying.select("ident");
    if (ties.excluded() != null) {
      Dataset<Row> excluded =
          ties.excluded().select(concat_ws("\u0000", col("kind"), col("key")).as("xident")).distinct();
      tying = tying.join(excluded, col("ident").equalTo(col("xident")), "left_anti");
    }
    Dataset<Row> strong = links.join(tying, "ident").select("account", "ident");
    Dataset<Row> everyone = links.select("account");
    if (ties.extra() != null) {
      // An extra tie is an identifier of its own joining its two accounts (they may have no links at all).
      Dataset<Row> pairs =
          ties.extra().withColumn("ident", concat_ws("\u0000", lit("~tie"), col("a"), col("b"))).distinct();
      strong =
          strong
              .unionByName(pairs.select(col("a").as("account"), col("ident")))
              .unionByName(pairs.select(col("b").as("account"), col("ident")));
      everyone = everyone.unionByName(pairs.select(col("a").as("account"))).unionByName(pairs.select(col("b").as("account")));
    }

    // Vertex ids, numbered once and checkpointed: monotonically_increasing_id depends on the partitioning it runs
    // on, so a recomputed stage must not renumber. Identifier ids start past the largest account id.
    Dataset<Row> accounts =
        everyone.distinct().withColumn("vid", monotonically_increasing_id()).localCheckpoint(true);
    Row top = accounts.agg(max("vid")).first();
    long firstIdentifierId = top.isNullAt(0) ? 0 : top.getLong(0) + 1;
    Dataset<Row> identifiers =
        strong
            .select("ident")
            .distinct()
            .withColumn("ivid", monotonically_increasing_id().plus(firstIdentifierId))
            .localCheckpoint(true);

    JavaRDD<Edge<Integer>> edges =
        strong
            .join(accounts, "account")
            .join(identifiers, "ident")
            .select("vid", "ivid")
            .javaRDD()
            .map(r -> new Edge<>(r.getLong(0), r.getLong(1), 1));
    Graph<Integer, Integer> graph =
        Graph.fromEdges(edges.rdd(), 0, StorageLevel.MEMORY_AND_DISK(), StorageLevel.MEMORY_AND_DISK(), INT, INT);
    // Each vertex ends labelled with the smallest vertex id of its component.
    Graph<Object, Integer> components = ConnectedComponents.run(graph, INT, INT);

    JavaRDD<Row> componentRows =
        components.vertices().toJavaRDD().map((Tuple2<Object, Object> v) -> RowFactory.create(v._1(), v._2()));
    Dataset<Row> componentOf =
        spark.createDataFrame(
            componentRows,
            new StructType().add("cvid", DataTypes.LongType, false).add("component", DataTypes.LongType, false));

    // Accounts with no tying identifier are not in the graph: each is a component of its own.
    Dataset<Row> accountComponent =
        accounts
            .join(componentOf, col("vid").equalTo(col("cvid")), "left")
            .select(col("account"), when(col("component").isNull(), col("vid")).otherwise(col("component")).as("component"));
    Dataset<Row> partIds = accountComponent.groupBy("component").agg(min("account").as("part_id"));
    Dataset<Row> result =
        accountComponent.join(partIds, "component").select(col("account").as("account_id"), col("part_id"));
    return result;
  }
}
