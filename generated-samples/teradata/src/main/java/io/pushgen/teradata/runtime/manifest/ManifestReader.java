// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.teradata.runtime.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.pushgen.teradata.runtime.manifest.ManifestWriter.ReportEntry;
import io.pushgen.teradata.runtime.model.Flow;
import io.pushgen.teradata.runtime.model.RelationalAsset;
import io.pushgen.teradata.runtime.wire.Batcher;
import io.pushgen.teradata.runtime.wire.EventValidator;
import io.pushgen.teradata.runtime.wire.IngestionService;
import io.pushgen.teradata.runtime.wire.Timestamps;
import io.pushgen.teradata.runtime.wire.WireJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a manifest in two streaming passes, never holding all its events in memory.
 *
 * <p>{@link #open} makes the first pass: it reads and checks the header, counts, report and the
 * JSON syntax of the whole file (skipping over the events without building them) and computes the
 * file's SHA-256. Each call of {@link #events()} makes another pass that builds the events one at a
 * time as model records. Keys may come in any order.
 *
 * <p>Every problem is a {@link ManifestException} naming the file, the JSON path and the line and
 * column.
 */
public final class ManifestReader {
  private final Path file;
  private final ManifestHeader header;
  private final ManifestCounts counts;
  private final List<ReportEntry> report;
  private final String sha256;

  private ManifestReader(
      Path file,
      ManifestHeader header,
      ManifestCounts counts,
      List<ReportEntry> report,
      String sha256) {
    this.file = file;
    this.header = header;
    this.counts = counts;
    this.report = report;
    this.sha256 = sha256;
  }

  /**
   * Opens a manifest and makes the first pass.
   *
   * @throws ManifestException when the manifest is malformed
   * @throws IOException when it cannot be read
   */
  public static ManifestReader open(Path file) throws IOException {
    try {
      return open(file, true);
    } catch (IOException | RuntimeException anyProblem) {
      // The quick skip over the events saw something it does not handle, or the manifest has a
      // problem: the full pass finds the same problem, or none, and reports it exactly.
      return open(file, false);
    }
  }

  /**
   * The first pass; with {@code quick}, the events array is skipped by {@link EventsSkip} instead
   * of being parsed.
   */
  static ManifestReader open(Path file, boolean quick) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM lacks SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      HeaderPass pass;
      try (JsonParser parser = WireJson.mapper().createParser(in)) {
        pass = new HeaderPass(file, parser, quick ? in : null);
        pass.read(); // reads to the end of the file, so the digest covers every byte
      } catch (JsonProcessingException e) {
        throw syntaxError(file, e);
      }
      return new ManifestReader(
          file,
          pass.header(),
          pass.counts(),
          List.copyOf(pass.report),
          HexFormat.of().formatHex(digest.digest()));
    }
  }

  /** The manifest file. */
  public Path file() {
    return file;
  }

  public ManifestHeader header() {
    return header;
  }

  public ManifestCounts counts() {
    return counts;
  }

  /** The report entries listed in the manifest, by kind, then in the order they were written. */
  public List<ReportEntry> report() {
    return report;
  }

  /** The SHA-256 of the file's bytes in lowercase hex, computed by the first pass. */
  public String sha256() {
    return sha256;
  }

  /**
   * Starts a pass over the events. Each is an instance of the flow's {@link Flow#eventClass()}.
   * Close the iterator when stopping early; it closes itself at the end.
   *
   * @throws IOException when the file cannot be opened
   */
  public Events events() throws IOException {
    return new Events(false);
  }

  /**
   * Starts a pass over the events for a push: as {@link #events()}, except that an event whose
   * bytes in the file are already in the wire's canonical form comes as a {@link
   * Batcher.Serialised} holding the record and those bytes, so that it need not be serialised
   * again. Only metadata events are recognised so; the others always come as records.
   *
   * @throws IOException when the file cannot be opened
   */
  public Events eventsWithJson() throws IOException {
    return new Events(true);
  }

  /**
   * The events of one pass. {@link #next()} throws {@link ManifestException} for an event of the
   * wrong shape (a wrong type, an unknown key, a missing required value) and {@link
   * UncheckedIOException} when reading fails.
   *
   * <p>Metadata events are bound by {@link AssetBinder} straight from the parser's tokens; an event
   * it does not take (a wrong type, an unknown key, bad JSON) is read again from its bytes by
   * Jackson's data binding, whose message is the one reported.
   */
  public final class Events implements Iterator<Object>, Closeable {
    private final JsonParser parser;
    private final ObjectReader eventReader =
        WireJson.mapper()
            .readerFor(header.flow().eventClass())
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** The bytes under the parser, for the metadata flow; else null. */
    private final KeptInput kept;
    private final AssetBinder binder;
    private final boolean withJson;
    private long index = -1;
    private boolean lookedAhead;
    private boolean done;

    private Events(boolean withJson) throws IOException {
      this.withJson = withJson;
      InputStream in = Files.newInputStream(file);
      if (header.flow() == Flow.METADATA) {
        kept = new KeptInput(in);
        binder = new AssetBinder();
        in = kept;
      } else {
        kept = null;
        binder = null;
      }
      parser = WireJson.mapper().createParser(in);
      try {
        expect(parser.nextToken() == JsonToken.START_OBJECT, "$", "expected a JSON object");
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          JsonToken value = parser.nextToken();
          if (name.equals("events")) {
            expect(value == JsonToken.START_ARRAY, "$.events", "expected an array");
            return;
          }
          parser.skipChildren();
        }
        throw new ManifestException(file, "$.events", 0, 0, "missing", null);
      } catch (JsonProcessingException e) {
        close();
        throw syntaxError(file, e);
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }

    /** The index of the event last returned by {@link #next()}, or -1. */
    public long index() {
      return index;
    }

    @Override
    public boolean hasNext() {
      if (done) {
        return false;
      }
      if (!lookedAhead) {
        try {
          if (parser.nextToken() == JsonToken.END_ARRAY) {
            close();
            return false;
          }
        } catch (JsonProcessingException e) {
          close();
          throw syntaxError(file, e);
        } catch (IOException e) {
          close();
          throw new UncheckedIOException(e);
        }
        lookedAhead = true;
      }
      return true;
    }

    @Override
    public Object next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      lookedAhead = false;
      index++;
      JsonLocation start = parser.currentTokenLocation();
      Object event;
      byte[] json = null;
      try {
        if (binder != null && parser.currentToken() == JsonToken.START_OBJECT) {
          long from = start.getByteOffset();
          kept.keepFrom(from);
          RelationalAsset asset;
          try {
            asset = binder.read(parser);
            if (asset == null) {
              binder.skipRest(parser);
            }
          } catch (JsonParseException e) {
            // Bad JSON inside the event: data binding reads what was read and finds it too.
            bindAgain(from, kept.end(), start);
            close();
            throw syntaxError(file, e);
          }
          long to = parser.currentLocation().getByteOffset();
          if (asset == null) {
            event = bindAgain(from, to, start);
          } else {
            event = asset;
            if (withJson && binder.canonical() && to - from == binder.length()) {
              json = kept.eventBytes(asset, from, to);
            }
          }
        } else {
          event = eventReader.readValue(parser);
        }
      } catch (JsonProcessingException e) {
        close();
        throw failure(e, path(), Position.FILE);
      } catch (IOException e) {
        close();
        throw new UncheckedIOException(e);
      }
      for (EventValidator.Problem problem : EventValidator.problems(header.flow(), event)) {
        if (problem.missing()) {
          close();
          throw new ManifestException(
              file,
              path() + "." + problem.path(),
              line(start),
              column(start),
              problem.message(),
              null);
        }
      }
      return json == null ? event : new Batcher.Serialised(event, json);
    }

    /**
     * Binds the event at {@code [from, to)} of the file with Jackson's data binding, translating the
     * positions of its messages to the file's.
     */
    private Object bindAgain(long from, long to, JsonLocation start) throws IOException {
      try (JsonParser slice = kept.parser(from, to)) {
        slice.nextToken();
        return eventReader.readValue(slice);
      } catch (JsonProcessingException e) {
        close();
        throw failure(e, path(), new Position(start.getLineNr(), start.getColumnNr()));
      }
    }

    /** The problem a failed read of the event at {@code path} reports. */
    private ManifestException failure(JsonProcessingException e, String path, Position at) {
      if (e instanceof JsonMappingException mapping) {
        if (mapping.getCause() instanceof JsonParseException syntax) {
          // Bad JSON inside the event, which the binding wraps: reported as the first pass would.
          return new ManifestException(
              file,
              JsonPaths.of(path, mapping),
              at.line(syntax.getLocation()),
              at.column(syntax.getLocation()),
              "invalid JSON: " + syntax.getOriginalMessage(),
              e);
        }
        return new ManifestException(
            file,
            JsonPaths.of(path, mapping),
            at.line(mapping.getLocation()),
            at.column(mapping.getLocation()),
            describe(mapping),
            e);
      }
      if (at == Position.FILE) {
        return syntaxError(file, e);
      }
      String inside =
          e.getProcessor() instanceof JsonParser slice
              ? JsonPaths.of(slice.getParsingContext()).substring(1)
              : "";
      return new ManifestException(
          file,
          path + inside,
          at.line(e.getLocation()),
          at.column(e.getLocation()),
          "invalid JSON: " + e.getOriginalMessage(),
          e);
    }

    /** The JSON path of the event last returned, for messages. */
    private String path() {
      return "$.events[" + index + "]";
    }

    @Override
    public void close() {
      done = true;
      try {
        parser.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void expect(boolean condition, String path, String problem) {
      if (!condition) {
        JsonLocation at = parser.currentTokenLocation();
        throw new ManifestException(file, path, line(at), column(at), problem, null);
      }
    }
  }

  /**
   * Where a parser's first byte is in the file, to translate the positions of a parser over an
   * event's bytes into the file's.
   */
  private record Position(int line, int column) {
    /** A parser over the file itself. */
    static final Position FILE = new Position(1, 1);

    int line(JsonLocation location) {
      return location == null ? 0 : line + location.getLineNr() - 1;
    }

    int column(JsonLocation location) {
      if (location == null) {
        return 0;
      }
      return location.getLineNr() == 1 ? column + location.getColumnNr() - 1 : location.getColumnNr();
    }
  }

  /**
   * The file as the events parser reads it, keeping the bytes read since the start of the current
   * event, so that the event can be copied as it is or read again.
   */
  private static final class KeptInput extends InputStream {
    private final InputStream in;
    private byte[] kept = new byte[64 * 1024];
    /** The file offset of {@code kept[0]}. */
    private long keptFrom;
    private int keptLength;
    /** Bytes before this file offset may be dropped. */
    private long keepFrom;

    KeptInput(InputStream in) {
      this.in = in;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        keep(b, off, n);
      }
      return n;
    }

    private void keep(byte[] b, int off, int n) {
      if (keptLength + n > kept.length) {
        int drop = (int) Math.min(Math.max(0, keepFrom - keptFrom), keptLength);
        System.arraycopy(kept, drop, kept, 0, keptLength - drop);
        keptLength -= drop;
        keptFrom += drop;
        if (keptLength + n > kept.length) {
          kept = Arrays.copyOf(kept, Math.max(2 * kept.length, keptLength + n));
        }
      }
      System.arraycopy(b, off, kept, keptLength, n);
      keptLength += n;
    }

    /** The bytes from this file offset on are kept (it must not be before the previous one). */
    void keepFrom(long offset) {
      keepFrom = offset;
    }

    /** The file offset just after the bytes read so far. */
    long end() {
      return keptFrom + keptLength;
    }

    /** A parser over the kept bytes {@code [from, to)} of the file. */
    JsonParser parser(long from, long to) throws IOException {
      return WireJson.mapper().createParser(kept, (int) (from - keptFrom), (int) (to - from));
    }

    /**
     * The request bytes of {@code asset}, copied from the bytes {@code [from, to)} of the file that
     * {@link AssetBinder} found to be the asset in canonical form; null if those are not at hand.
     */
    byte[] eventBytes(RelationalAsset asset, long from, long to) {
      int start = (int) (from - keptFrom);
      int length = (int) (to - from);
      if (start < 0 || to > end() || length < 2 || kept[start] != '{' || kept[start + length - 1] != '}') {
        return null;
      }
      return IngestionService.Envelope.eventBytes(asset, kept, start, length);
    }
  }

  /**
   * Binds a metadata event ({@link RelationalAsset}) from the parser's tokens, without data
   * binding, and tells whether its tokens are the ones the serialiser writes, in its order (every
   * key in the record's order, no null, no empty list, integers as {@link Long#toString} writes
   * them), and how many bytes the serialiser writes for them. When the event's bytes in the file
   * are exactly that many, they are what the serialiser writes: whitespace between tokens, an
   * escape in a string ({@code \u0041} for {@code A}) and a character beyond ASCII (two to four
   * bytes for one or two {@code char}s) each make the file's bytes longer than the count, and
   * nothing makes them shorter.
   *
   * <p>It takes only what data binding would take in the same way: anything else (a key it does
   * not know, a value of another type, a key given twice) makes it give up, and the event is read
   * again by data binding.
   */
  static final class AssetBinder {
    /** The keys of each object, in the order of its record's components. */
    private static final String[] ASSET_KEYS =
        {"type", "metadata", "tags", "fields", "volume", "freshness"};
    private static final String[] METADATA_KEYS =
        {"name", "database", "schema", "description", "view_query", "created_on"};
    private static final String[] TAG_KEYS = {"key", "value"};
    private static final String[] FIELD_KEYS = {"name", "type", "description"};
    private static final String[] VOLUME_KEYS = {"row_count", "byte_count"};
    private static final String[] FRESHNESS_KEYS = {"last_update_time"};

    private JsonParser parser;
    /** How deep inside the event the parser is. */
    private int depth;
    private boolean canonical;
    /** The bytes the serialiser writes for the tokens read so far. */
    private long length;
    /** Whether the last token ended a value, so that another one follows a comma. */
    private boolean afterValue;
    /** Thrown when the event is not one this binder takes; never leaves it. */
    private static final class GiveUp extends Exception {
      private static final long serialVersionUID = 1L;
      static final GiveUp INSTANCE = new GiveUp();

      private GiveUp() {
        super(null, null, false, false);
      }
    }

    /** Whether the event last read is in canonical form (as far as its tokens tell). */
    boolean canonical() {
      return canonical;
    }

    /** The bytes the serialiser writes for the event last read. */
    long length() {
      return length;
    }

    /**
     * Reads the event whose {@code {}} is the parser's current token.
     *
     * @return the asset, with the parser on the event's closing {@code }}; or null when this
     *     binder does not take the event, with the parser somewhere inside it (see {@link
     *     #skipRest})
     */
    RelationalAsset read(JsonParser p) throws IOException {
      parser = p;
      depth = 1;
      canonical = true;
      length = 1;
      afterValue = false;
      try {
        String type = null;
        RelationalAsset.AssetMetadata metadata = null;
        List<RelationalAsset.Tag> tags = null;
        List<RelationalAsset.AssetField> fields = null;
        RelationalAsset.AssetVolume volume = null;
        RelationalAsset.AssetFreshness freshness = null;
        int seen = 0;
        int last = -1;
        JsonToken token;
        while ((token = next()) == JsonToken.FIELD_NAME) {
          last = key(seen, last, number(parser.currentName(), ASSET_KEYS));
          seen |= 1 << last;
          JsonToken value = next();
          switch (last) {
            case 0 -> type = string(value);
            case 1 -> metadata = value == JsonToken.VALUE_NULL ? absent() : metadata(value);
            case 2 -> tags = value == JsonToken.VALUE_NULL ? absent() : tags(value);
            case 3 -> fields = value == JsonToken.VALUE_NULL ? absent() : fields(value);
            case 4 -> volume = value == JsonToken.VALUE_NULL ? absent() : volume(value);
            default -> freshness = value == JsonToken.VALUE_NULL ? absent() : freshness(value);
          }
        }
        expectEnd(token);
        return new RelationalAsset(type, metadata, tags, fields, volume, freshness);
      } catch (GiveUp giveUp) {
        return null;
      }
    }

    /** Moves the parser to the closing {@code }} of the event {@link #read} gave up on. */
    void skipRest(JsonParser p) throws IOException {
      while (depth > 0) {
        JsonToken token = p.nextToken();
        if (token == null) {
          throw new JsonParseException(p, "Unexpected end-of-input inside an event");
        }
        count(token);
      }
    }

    private JsonToken next() throws IOException, GiveUp {
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw GiveUp.INSTANCE;
      }
      count(token);
      boolean end = token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY;
      if (afterValue && !end) {
        length++; // the comma
      }
      length +=
          switch (token) {
            case START_OBJECT, START_ARRAY, END_OBJECT, END_ARRAY -> 1;
            case FIELD_NAME -> parser.currentName().length() + 3; // quotes and colon
            case VALUE_STRING -> parser.getTextLength() + 2;
            default -> parser.getTextLength();
          };
      afterValue = end || token.isScalarValue();
      return token;
    }

    private void count(JsonToken token) {
      if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
        depth++;
      } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
        depth--;
      }
    }

    /**
     * Checks a key's place among the keys of its object: a key given twice makes the binder give
     * up; one before a key that follows it in the record is not canonical.
     *
     * @return the key's number, the last one now
     */
    private int key(int seen, int last, int key) throws GiveUp {
      if ((seen & (1 << key)) != 0) {
        throw GiveUp.INSTANCE;
      }
      if (key < last) {
        canonical = false;
      }
      return key;
    }

    /** A null value: kept as null by data binding, left out by the serialiser. */
    private <T> T absent() {
      canonical = false;
      return null;
    }

    private void expectEnd(JsonToken token) throws GiveUp {
      if (token != JsonToken.END_OBJECT) {
        throw GiveUp.INSTANCE;
      }
    }

    private String string(JsonToken value) throws IOException, GiveUp {
      if (value == JsonToken.VALUE_STRING) {
        return parser.getText();
      }
      if (value == JsonToken.VALUE_NULL) {
        return absent();
      }
      throw GiveUp.INSTANCE;
    }

    private Long integer(JsonToken value) throws IOException, GiveUp {
      if (value == JsonToken.VALUE_NULL) {
        return absent();
      }
      if (value != JsonToken.VALUE_NUMBER_INT
          || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw GiveUp.INSTANCE;
      }
      long number = parser.getLongValue();
      if (!parser.getText().equals(Long.toString(number))) {
        canonical = false;
      }
      return number;
    }

    private void expectObject(JsonToken value) throws GiveUp {
      if (value != JsonToken.START_OBJECT) {
        throw GiveUp.INSTANCE;
      }
    }

    private RelationalAsset.AssetMetadata metadata(JsonToken value) throws IOException, GiveUp {
      String[] values = strings(value, METADATA_KEYS);
      return new RelationalAsset.AssetMetadata(
          values[0], values[1], values[2], values[3], values[4], values[5]);
    }

    private List<RelationalAsset.Tag> tags(JsonToken value) throws IOException, GiveUp {
      List<RelationalAsset.Tag> tags = new ArrayList<>();
      for (JsonToken token = array(value); token != JsonToken.END_ARRAY; token = next()) {
        String[] values = strings(token, TAG_KEYS);
        tags.add(new RelationalAsset.Tag(values[0], values[1]));
      }
      return nonEmpty(tags);
    }

    private List<RelationalAsset.AssetField> fields(JsonToken value) throws IOException, GiveUp {
      List<RelationalAsset.AssetField> fields = new ArrayList<>();
      for (JsonToken token = array(value); token != JsonToken.END_ARRAY; token = next()) {
        String[] values = strings(token, FIELD_KEYS);
        fields.add(new RelationalAsset.AssetField(values[0], values[1], values[2]));
      }
      return nonEmpty(fields);
    }

    /**
     * Reads an object of string values whose keys are {@code keys}, given in the record's order.
     *
     * @return the values by key number, null where a key is absent
     */
    private String[] strings(JsonToken value, String[] keys) throws IOException, GiveUp {
      expectObject(value);
      String[] values = new String[keys.length];
      int seen = 0;
      int last = -1;
      JsonToken token;
      while ((token = next()) == JsonToken.FIELD_NAME) {
        last = key(seen, last, number(parser.currentName(), keys));
        seen |= 1 << last;
        values[last] = string(next());
      }
      expectEnd(token);
      return values;
    }

    /** A key's number among {@code keys}; an unknown key makes the binder give up. */
    private static int number(String name, String[] keys) throws GiveUp {
      for (int i = 0; i < keys.length; i++) {
        if (keys[i].equals(name)) {
          return i;
        }
      }
      throw GiveUp.INSTANCE;
    }

    /** The first token inside an array that {@code value} opens. */
    private JsonToken array(JsonToken value) throws IOException, GiveUp {
      if (value != JsonToken.START_ARRAY) {
        throw GiveUp.INSTANCE;
      }
      return next();
    }

    /** An empty list is left out by the serialiser. */
    private <T> List<T> nonEmpty(List<T> list) {
      if (list.isEmpty()) {
        canonical = false;
      }
      return list;
    }

    private RelationalAsset.AssetVolume volume(JsonToken value) throws IOException, GiveUp {
      expectObject(value);
      Long[] values = new Long[VOLUME_KEYS.length];
      int seen = 0;
      int last = -1;
      JsonToken token;
      while ((token = next()) == JsonToken.FIELD_NAME) {
        last = key(seen, last, number(parser.currentName(), VOLUME_KEYS));
        seen |= 1 << last;
        values[last] = integer(next());
      }
      expectEnd(token);
      return new RelationalAsset.AssetVolume(values[0], values[1]);
    }

    private RelationalAsset.AssetFreshness freshness(JsonToken value)
        throws IOException, GiveUp {
      return new RelationalAsset.AssetFreshness(strings(value, FRESHNESS_KEYS)[0]);
    }
  }

  /** The first pass: everything but the events' content. */
  private static final class HeaderPass {
    private final Path file;
    /** The parser; after a quick skip over the events, a new one for the rest of the file. */
    private JsonParser parser;
    /** The file's stream under the parser, for a quick skip over the events; or null. */
    private final InputStream quick;
    private final Set<String> seen = new HashSet<>();
    private final Map<String, Long> reported = new TreeMap<>();
    private final List<ReportEntry> report = new ArrayList<>();
    private Integer formatVersion;
    private Flow flow;
    private String warehouse;
    private String resourceType;
    private String logType;
    private Instant collectedAt;
    private Instant windowStart;
    private Instant windowEnd;
    private ManifestHeader.Shard shard;
    private long events = -1;
    private long countedEvents = -1;
    private JsonLocation countedEventsAt;
    private JsonLocation end;

    HeaderPass(Path file, JsonParser parser, InputStream quick) {
      this.file = file;
      this.parser = parser;
      this.quick = quick;
    }

    void read() throws IOException {
      JsonParser first = parser;
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw error("expected a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonLocation keyAt = parser.currentTokenLocation();
        parser.nextToken();
        if (!seen.add(name)) {
          throw error(keyAt, "duplicate key");
        }
        switch (name) {
          case "format_version" -> readFormatVersion();
          case "flow" -> readFlow();
          case "warehouse" -> warehouse = requiredString();
          case "resource_type" -> resourceType = requiredString();
          case "log_type" -> logType = requiredString();
          case "collected_at" -> collectedAt = timestamp(false);
          case "window" -> readWindow();
          case "shard" -> readShard();
          case "events" -> skipEvents();
          case "counts" -> readCounts();
          case "report" -> readReport();
          default -> throw error(keyAt, "unknown key");
        }
      }
      end = parser.currentTokenLocation();
      if (parser.nextToken() != null) {
        throw error("unexpected content after the manifest");
      }
      if (parser != first) {
        parser.close();
      }
    }

    ManifestHeader header() {
      require("format_version", formatVersion != null);
      require("flow", flow != null);
      require("warehouse", warehouse != null);
      String key = flow.resourceKey();
      require(key, (flow == Flow.QUERY_LOGS ? logType : resourceType) != null);
      String other = flow == Flow.QUERY_LOGS ? "resource_type" : "log_type";
      if (seen.contains(other)) {
        throw new ManifestException(
            file,
            "$." + other,
            line(end),
            column(end),
            "not allowed in a " + flow.id() + " manifest (it has a " + key + ")",
            null);
      }
      require("collected_at", collectedAt != null);
      require("events", countedEvents >= 0);
      require("counts", events >= 0);
      if (events != countedEvents) {
        throw new ManifestException(
            file,
            "$.counts.events",
            line(countedEventsAt),
            column(countedEventsAt),
            events + " but the manifest holds " + countedEvents + " events",
            null);
      }
      return new ManifestHeader(
          formatVersion,
          flow,
          warehouse,
          resourceType,
          logType,
          collectedAt,
          windowStart,
          windowEnd,
          shard);
    }

    ManifestCounts counts() {
      return new ManifestCounts(events, reported);
    }

    private void readFormatVersion() throws IOException {
      if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
        throw error("expected an integer, found " + found());
      }
      if (parser.getValueAsLong() != ManifestHeader.FORMAT_VERSION) {
        throw error(
            "format_version "
                + parser.getText()
                + " is not supported (this program reads "
                + ManifestHeader.FORMAT_VERSION
                + ")");
      }
      formatVersion = ManifestHeader.FORMAT_VERSION;
    }

    private void readFlow() throws IOException {
      String id = requiredString();
      try {
        flow = Flow.fromId(id);
      } catch (IllegalArgumentException e) {
        throw error(e.getMessage());
      }
    }

    private void readWindow() throws IOException {
      if (parser.currentToken() == JsonToken.VALUE_NULL) {
        return;
      }
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        throw error("expected an object or null, found " + found());
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        switch (name) {
          case "start" -> windowStart = timestamp(true);
          case "end" -> windowEnd = timestamp(true);
          default -> throw error("unknown key");
        }
      }
      if ((windowStart == null) != (windowEnd == null)) {
        throw error("a window has both a start and an end, or neither");
      }
    }

    private void readShard() throws IOException {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        throw error("expected an object, found " + found());
      }
      Long index = null;
      Long count = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT || parser.getValueAsLong() < 0) {
          throw error("expected an integer of at least 0, found " + found());
        }
        switch (name) {
          case "index" -> index = parser.getValueAsLong();
          case "count" -> count = parser.getValueAsLong();
          default -> throw error("unknown key");
        }
      }
      if (index == null || count == null || count < 1 || index >= count || count > Integer.MAX_VALUE) {
        throw error("a shard has an index from 0 to count - 1 and a count of at least 1");
      }
      shard = new ManifestHeader.Shard(index.intValue(), count.intValue());
    }

    private void skipEvents() throws IOException {
      if (parser.currentToken() != JsonToken.START_ARRAY) {
        throw error("expected an array, found " + found());
      }
      if (quick != null) {
        EventsSkip skip = new EventsSkip(parser, quick);
        countedEvents = skip.count();
        parser = skip.rest();
        return;
      }
      long count = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
          throw error("expected an event object, found " + found());
        }
        parser.skipChildren();
        count++;
      }
      countedEvents = count;
    }

    private void readCounts() throws IOException {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        throw error("expected an object, found " + found());
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT || parser.getValueAsLong() < 0) {
          throw error("expected a count (an integer of at least 0), found " + found());
        }
        if (name.equals("events")) {
          events = parser.getValueAsLong();
          countedEventsAt = parser.currentTokenLocation();
        } else {
          reported.put(name, parser.getValueAsLong());
        }
      }
    }

    private void readReport() throws IOException {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        throw error("expected an object, found " + found());
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String kind = parser.currentName();
        if (parser.nextToken() != JsonToken.START_ARRAY) {
          throw error("expected an array, found " + found());
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw error("expected an object, found " + found());
          }
          String subject = null;
          String reason = null;
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
              case "subject" -> subject = requiredString();
              case "reason" -> reason = requiredString();
              default -> throw error("unknown key");
            }
          }
          if (subject == null) {
            throw error("a report entry needs a subject");
          }
          report.add(new ReportEntry(kind, subject, reason));
        }
      }
    }

    private String requiredString() throws IOException {
      if (parser.currentToken() != JsonToken.VALUE_STRING) {
        throw error("expected a string, found " + found());
      }
      return parser.getText();
    }

    private Instant timestamp(boolean nullable) throws IOException {
      if (nullable && parser.currentToken() == JsonToken.VALUE_NULL) {
        return null;
      }
      try {
        return Timestamps.parse(requiredString());
      } catch (IllegalArgumentException e) {
        throw error(e.getMessage());
      }
    }

    private String found() {
      return ManifestReader.describe(parser.currentToken());
    }

    private void require(String key, boolean present) {
      if (!present) {
        throw new ManifestException(file, "$." + key, line(end), column(end), "missing", null);
      }
    }

    private ManifestException error(String problem) {
      return error(parser.currentTokenLocation(), problem);
    }

    private ManifestException error(JsonLocation at, String problem) {
      return new ManifestException(
          file, JsonPaths.of(parser.getParsingContext()), line(at), column(at), problem, null);
    }
  }

  /**
   * Skips a manifest's events array without parsing it: the bytes are only scanned for strings and
   * brackets, several times faster than tokenising them, and the top-level objects counted. What
   * follows the array is handed to a new parser that reports the lines and columns of the file.
   *
   * <p>It checks the array's structure, not its JSON syntax: a syntax error inside an event (a
   * missing comma, a bad literal) is found by the pass that reads the events. Anything it does not
   * expect (an element that is not an object, the end of the file) throws {@link
   * IllegalStateException}, after which {@link #open} makes the full pass.
   */
  private static final class EventsSkip {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final InputStream in;
    private byte[] buffer;
    private int length;
    private long count;
    /** The line of the next byte, 1-based, and the position where that line starts. */
    private long line;
    private long lineStart;
    /** The column just after the array, 1-based. */
    private long column;
    /** Where the rest of the file starts: in this buffer, at this offset. */
    private byte[] rest;
    private int restOffset;
    /** The scan's state between buffers; positions count from the byte after the {@code [}. */
    private long consumed;
    private int depth = 1;
    private boolean inString;
    private boolean escaped;
    /** A line ends at \n, \r\n or a lone \r, as the parser counts them. */
    private boolean afterCr;

    /**
     * @param parser positioned on the array's {@code [}; nothing more is read from it
     * @param in the stream under the parser
     */
    EventsSkip(JsonParser parser, InputStream in) throws IOException {
      this.in = in;
      JsonLocation open = parser.currentTokenLocation();
      ByteArrayOutputStream held = new ByteArrayOutputStream();
      parser.releaseBuffered(held);
      buffer = held.toByteArray();
      length = buffer.length;
      line = open.getLineNr();
      // Column of a byte = its position - its line's start + 1; position 0 follows the '['.
      lineStart = -open.getColumnNr();
      while (true) {
        int end = scan();
        if (end >= 0) {
          column = consumed + end + 1 - lineStart + 1;
          rest = buffer;
          restOffset = end + 1;
          return;
        }
        consumed += length;
        fill();
        if (length < 0) {
          throw new IllegalStateException("the end of the file inside the events");
        }
      }
    }

    /** Scans the buffer; returns the offset of the array's closing {@code ]}, or -1. */
    private int scan() {
      byte[] bytes = buffer;
      int n = length;
      for (int i = 0; i < n; i++) {
        byte b = bytes[i];
        if (inString) {
          if (escaped) {
            escaped = false;
            continue;
          }
          // Most bytes are inside strings: run to the next quote or backslash.
          while (b != '"' && b != '\\' && ++i < n) {
            b = bytes[i];
          }
          if (i == n) {
            break;
          }
          if (b == '\\') {
            escaped = true;
          } else {
            inString = false;
          }
          continue;
        }
        if (afterCr && b != '\n') {
          afterCr = false;
        }
        switch (b) {
          case '"' -> {
            if (depth == 1) {
              throw new IllegalStateException("an event that is not an object");
            }
            inString = true;
          }
          case '{' -> {
            if (depth == 1) {
              count++;
            }
            depth++;
          }
          case '[' -> {
            if (depth == 1) {
              throw new IllegalStateException("an event that is not an object");
            }
            depth++;
          }
          case '}', ']' -> {
            if (--depth == 0) {
              if (b != ']') {
                throw new IllegalStateException("unbalanced brackets");
              }
              return i;
            }
          }
          case '\n' -> {
            if (afterCr) {
              afterCr = false;
            } else {
              line++;
            }
            lineStart = consumed + i + 1;
          }
          case '\r' -> {
            line++;
            lineStart = consumed + i + 1;
            afterCr = true;
          }
          case ' ', '\t', ',', ':' -> {}
          default -> {
            if (depth == 1) {
              throw new IllegalStateException("an event that is not an object");
            }
          }
        }
      }
      return -1;
    }

    private void fill() throws IOException {
      if (buffer.length < BUFFER_BYTES) {
        buffer = new byte[BUFFER_BYTES];
      }
      length = in.read(buffer);
      while (length == 0) {
        length = in.read(buffer);
      }
    }

    /** How many events the array holds. */
    long count() {
      return count;
    }

    /**
     * A parser over the rest of the file, positioned after a stand-in {@code "events"} member: the
     * new parser sees {@code {"events":0}, then blank lines and spaces that put the rest at the
     * line and column it has in the file, so its locations are the file's.
     */
    JsonParser rest() throws IOException {
      String stand = "{\"events\":0";
      StringBuilder prefix = new StringBuilder(stand);
      if (line == 1) {
        if (column - 1 < stand.length()) {
          throw new IllegalStateException("no room for the stand-in");
        }
        prefix.append(" ".repeat((int) (column - 1 - stand.length())));
      } else {
        prefix.append("\n".repeat((int) (line - 1))).append(" ".repeat((int) (column - 1)));
      }
      byte[] head = prefix.toString().getBytes(StandardCharsets.US_ASCII);
      InputStream stream =
          new SequenceInputStream(
              new ByteArrayInputStream(head),
              new SequenceInputStream(
                  new ByteArrayInputStream(rest, restOffset, length - restOffset), in));
      JsonParser parser = WireJson.mapper().createParser(stream);
      if (parser.nextToken() != JsonToken.START_OBJECT
          || parser.nextToken() != JsonToken.FIELD_NAME
          || parser.nextToken() != JsonToken.VALUE_NUMBER_INT) {
        throw new IllegalStateException("the stand-in did not parse");
      }
      return parser;
    }
  }

  private static ManifestException syntaxError(Path file, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String path =
        e.getProcessor() instanceof JsonParser parser
            ? JsonPaths.of(parser.getParsingContext())
            : "$";
    return new ManifestException(
        file, path, line(at), column(at), "invalid JSON: " + e.getOriginalMessage(), e);
  }

  /** A short reason for a mapping failure, without Jackson's class names where avoidable. */
  private static String describe(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "unknown key '" + unknown.getPropertyName() + "'";
    }
    if (e instanceof ValueInstantiationException && e.getCause() != null) {
      return e.getCause().getMessage();
    }
    if (e instanceof InvalidFormatException invalid && invalid.getTargetType() == Instant.class) {
      return invalid.getOriginalMessage();
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      JsonToken token =
          e.getProcessor() instanceof JsonParser parser ? parser.currentToken() : null;
      return "expected " + describe(mismatch.getTargetType()) + ", found " + describe(token);
    }
    return e.getOriginalMessage();
  }

  private static String describe(Class<?> type) {
    if (type == String.class) {
      return "a string";
    }
    if (type == Long.class || type == Integer.class) {
      return "an integer";
    }
    if (type == Instant.class) {
      return "an ISO-8601 date-time string";
    }
    if (List.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object (" + type.getSimpleName() + ")";
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "the end of the file";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a fractional number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
    };
  }

  private static int line(JsonLocation location) {
    return location == null ? 0 : location.getLineNr();
  }

  private static int column(JsonLocation location) {
    return location == null ? 0 : location.getColumnNr();
  }

  /**
   * A manifest's {@code counts}.
   *
   * @param events how many events it holds
   * @param reported how many report entries of each kind were recorded (all of them, even when the
   *     report lists only the first ones), sorted by kind
   */
  public record ManifestCounts(long events, Map<String, Long> reported) {
    public ManifestCounts {
      reported = Map.copyOf(reported);
    }
  }

  /** JSON paths ({@code $.events[17].metadata.name}) for error messages. */
  static final class JsonPaths {
    private JsonPaths() {}

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The path of the parser's current position. */
    static String of(JsonStreamContext context) {
      Deque<String> parts = new ArrayDeque<>();
      for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
        if (c.inArray()) {
          if (c.getEntryCount() > 0) {
            parts.addFirst("[" + c.getCurrentIndex() + "]");
          }
        } else if (c.getCurrentName() != null) {
          parts.addFirst(key(c.getCurrentName()));
        }
      }
      return "$" + String.join("", parts);
    }

    /** {@code base} followed by the path of a mapping exception inside the value at base. */
    static String of(String base, JsonMappingException e) {
      StringBuilder path = new StringBuilder(base);
      for (JsonMappingException.Reference reference : e.getPath()) {
        if (reference.getFieldName() != null) {
          path.append(key(reference.getFieldName()));
        } else if (reference.getIndex() >= 0) {
          path.append('[').append(reference.getIndex()).append(']');
        }
      }
      return path.toString();
    }

    /** {@code .name}, or {@code ['odd name']} for keys that are not plain identifiers. */
    static String key(String name) {
      if (PLAIN_KEY.matcher(name).matches()) {
        return "." + name;
      }
      return "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }
  }

  /**
   * A manifest that cannot be used: bad JSON, a wrong type, a missing required value, an unknown flow
   * or an event of the wrong shape. The message reads {@code FILE:LINE:COLUMN: JSON-PATH: problem},
   * e.g. {@code metadata.json:18:3: $.events[17].metadata.name: missing}.
   */
  public static class ManifestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String jsonPath;
    private final int line;
    private final int column;

    /**
     * @param file the manifest
     * @param jsonPath where the problem is, e.g. {@code $.events[17].metadata.name}
     * @param line the 1-based line (0 when unknown)
     * @param column the 1-based column (0 when unknown)
     * @param problem what is wrong
     */
    public ManifestException(
        Path file, String jsonPath, int line, int column, String problem, Throwable cause) {
      super(file.getFileName() + ":" + line + ":" + column + ": " + jsonPath + ": " + problem, cause);
      this.jsonPath = jsonPath;
      this.line = line;
      this.column = column;
    }

    /** Where the problem is, e.g. {@code $.events[17].metadata.name}. */
    public String jsonPath() {
      return jsonPath;
    }

    public int line() {
      return line;
    }

    public int column() {
      return column;
    }
  }
}
