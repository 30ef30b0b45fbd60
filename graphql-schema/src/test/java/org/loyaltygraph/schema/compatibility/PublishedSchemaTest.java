package org.loyaltygraph.schema.compatibility;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The build's compatibility check: partners integrate against the last published schema ({@code
 * src/published/schema.graphqls}), so the current schema files must keep every promise it made,
 * unless a break is listed with its reason in {@code src/published/accepted-breaks.txt}.
 *
 * <p>{@code -Dschema.publish} makes the current schema the published one first: it rewrites the
 * baseline and empties the accepted breaks, which were breaks of the old baseline.
 */
class PublishedSchemaTest {

  private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
  private static final Path SOURCES = MODULE.resolve("src/main/resources/schema");
  private static final Path BASELINE = MODULE.resolve("src/published/schema.graphqls");
  private static final Path ACCEPTED = MODULE.resolve("src/published/accepted-breaks.txt");

  private static final String HEADER =
      """
      # The last published Loyalty Graph schema: the contract partners integrate against.
      # Every file of src/main/resources/schema merged into one, extensions folded into their types.
      # Generated: do not edit. The build fails when the current schema breaks it (PublishedSchemaTest).
      # To publish the current schema as the new baseline, deliberately:
      #   ./mvnw -pl graphql-schema verify -Dschema.publish
      # See README.md, "Schema compatibility".

      """;

  @Test
  void currentSchemaBreaksNothingThatWasPublished() throws IOException {
    MergedSchema current = MergedSchema.read(MergedSchema.schemaFiles(SOURCES));
    if (Boolean.parseBoolean(System.getProperty("schema.publish", "false"))) {
      publish(current);
    }
    MergedSchema published = MergedSchema.parse(Files.readString(BASELINE));
    AcceptedBreaks accepted = AcceptedBreaks.read(ACCEPTED);

    List<String> breaks = BreakingChanges.between(published, current);

    List<String> unaccepted = accepted.unaccepted(breaks);
    if (!unaccepted.isEmpty()) {
      fail(
          "The schema breaks what partners integrate against ("
              + MODULE.relativize(BASELINE)
              + "):\n  "
              + String.join("\n  ", unaccepted)
              + "\nPut back what the schema lost; if a break is deliberate (partners were told),"
              + " or a new value of an output enum that clients were told to expect,"
              + " add its line with ` | <reason>` to "
              + MODULE.relativize(ACCEPTED)
              + ". See README.md, \"Schema compatibility\".");
    }
    List<String> stale = accepted.stale(breaks);
    if (!stale.isEmpty()) {
      fail(
          MODULE.relativize(ACCEPTED)
              + " accepts breaks that do not happen; remove these lines:\n  "
              + String.join("\n  ", stale));
    }
  }

  private static void publish(MergedSchema current) throws IOException {
    Files.createDirectories(BASELINE.getParent());
    Files.writeString(BASELINE, HEADER + current.print());
    if (Files.exists(ACCEPTED)) {
      Files.writeString(ACCEPTED, AcceptedBreaks.commentsOnly(Files.readString(ACCEPTED)));
    }
  }
}
