package io.pushgen.generator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushgen.gateway.Flow;
import io.pushgen.gateway.RecordedRequest;
import io.pushgen.generator.InProcessPrograms;
import io.pushgen.generator.run.EmittedPrograms;
import io.pushgen.runtime.manifest.ManifestHeader;
import io.pushgen.runtime.manifest.ManifestWriter;
import io.pushgen.runtime.model.RelationalAsset.AssetField;
import io.pushgen.runtime.model.RelationalAsset.AssetMetadata;
import io.pushgen.runtime.model.RelationalAsset.AssetVolume;
import io.pushgen.runtime.model.RelationalAsset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Shared by the push fault tests (and the benchmark): the emitted PostgreSQL project, generated
 * with the CLI and compiled once per JVM, metadata manifests written with the runtime's {@link
 * ManifestWriter} (the emitted runtime is a copy of it and reads the same format), and the
 * environment a customer sets.
 */
public final class PushFaultFixture {
  public static final String PUSH_METADATA = "io.pushgen.postgres.PushMetadata";
  public static final String KEY_ID = "key-id-fault";
  public static final String TOKEN = "tok-FAULT-SECRET-5d4c3b";
  public static final String RESOURCE_UUID = "3f1a2b4c-0000-4000-8000-00000000f417";

  private static EmittedPrograms programs;

  private PushFaultFixture() {}

  /** The emitted postgres metadata programs, generated and compiled on first use. */
  public static synchronized EmittedPrograms programs() throws IOException {
    if (programs == null) {
      Path work = Files.createTempDirectory("pushgen-fault-project");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(work)));
      try (InProcessPrograms generated =
          InProcessPrograms.generate(work, "postgres", "--flows", "metadata")) {
        programs = generated.compiled();
      }
    }
    return programs;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // a temporary folder left behind is harmless
    }
  }

  /** The environment of a push to {@code endpoint}. */
  public static Map<String, String> environment(String endpoint) {
    return Map.of(
        "MCD_INGEST_ID", KEY_ID,
        "MCD_INGEST_TOKEN", TOKEN,
        "MCD_RESOURCE_UUID", RESOURCE_UUID,
        "MCD_API_ENDPOINT", endpoint);
  }

  /**
   * Writes a metadata manifest of {@code count} small tables named {@code table_00000},
   * {@code table_00001}, ... in schema {@code sales} of database {@code analytics}.
   */
  public static Path writeManifest(Path file, int count) throws IOException {
    ManifestHeader header =
        ManifestHeader.of(io.pushgen.runtime.model.Flow.METADATA, "postgres", "postgres", Instant.parse("2026-11-24T10:00:00Z"));
    try (ManifestWriter writer = ManifestWriter.open(file, header)) {
      for (int i = 0; i < count; i++) {
        writer.write(
            new RelationalAsset(
                i % 7 == 0 ? "VIEW" : "TABLE",
                new AssetMetadata(tableName(i), "analytics", "sales", "Table number " + i, null, null),
                List.of(
                    new AssetField("id", "BIGINT", "Primary key"),
                    new AssetField("amount", "NUMERIC(10,2)"),
                    new AssetField("note", "TEXT", "Free text")),
                new AssetVolume((long) i * 10, (long) i * 8192),
                null));
      }
      writer.commit();
    }
    return file;
  }

  /** The name of asset {@code i} of {@link #writeManifest}. */
  public static String tableName(int i) {
    return String.format("table_%05d", i);
  }

  /** The asset names of the accepted requests, one per event, duplicates kept, in order. */
  public static List<String> assetNames(Collection<RecordedRequest> requests) {
    List<String> names = new ArrayList<>();
    for (RecordedRequest request : requests) {
      names.addAll(assetNames(request));
    }
    return names;
  }

  /** The asset names of one accepted request. */
  public static List<String> assetNames(RecordedRequest request) {
    List<String> names = new ArrayList<>();
    for (JsonNode event : request.events()) {
      names.add(event.path("relational_asset").path("metadata").path("name").asText());
    }
    return names;
  }
}
