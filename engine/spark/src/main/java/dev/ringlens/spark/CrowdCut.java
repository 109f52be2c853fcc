package dev.ringlens.spark;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The crowd cut of RingLens's detection (server/detect/settings.ts, {@code maxSharers} and {@code maxSharersByKind}):
 * an identifier used by more accounts than its kind's limit is a crowd (a carrier-grade NAT IP, a shared office
 * address) and ties nobody. Defaults are the TypeScript defaults: 50 for every kind.
 */
public final class CrowdCut implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The identifier kinds, as server/ingest/schemas.ts LINK_KINDS. */
  public static final List<String> KINDS = List.of("device", "payment", "ip", "email", "phone", "address");

  public static final int DEFAULT_MAX_SHARERS = 50;

  private final int maxSharers;
  private final Map<String, Integer> byKind;

  public CrowdCut(int maxSharers, Map<String, Integer> byKind) {
    if (maxSharers < 2) {
      throw new IllegalArgumentException("maxSharers must be an integer of at least 2; got " + maxSharers + ".");
    }
    for (Map.Entry<String, Integer> e : byKind.entrySet()) {
      if (!KINDS.contains(e.getKey())) {
        throw new IllegalArgumentException(
            "maxSharersByKind." + e.getKey() + " must name one of the identifier kinds (" + String.join(", ", KINDS) + ").");
      }
      if (e.getValue() == null || e.getValue() < 2) {
        throw new IllegalArgumentException("maxSharersByKind." + e.getKey() + " must be at least 2; got " + e.getValue() + ".");
      }
    }
    this.maxSharers = maxSharers;
    this.byKind = Collections.unmodifiableMap(new LinkedHashMap<>(byKind));
  }

  public static CrowdCut defaults() {
    return new CrowdCut(DEFAULT_MAX_SHARERS, Map.of());
  }

  /** The largest group of {@code kind} that still ties its accounts together. */
  public int maxSharersFor(String kind) {
    return byKind.getOrDefault(kind, maxSharers);
  }

  public int maxSharers() {
    return maxSharers;
  }

  public Map<String, Integer> byKind() {
    return byKind;
  }
}
