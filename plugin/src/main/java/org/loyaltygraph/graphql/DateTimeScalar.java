package org.loyaltygraph.graphql;

import com.netflix.graphql.dgs.DgsScalar;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Instants as ISO-8601 strings; always written in UTC with seconds, read with any offset. */
@DgsScalar(name = "DateTime")
public class DateTimeScalar implements Coercing<OffsetDateTime, String> {

  @Override
  public String serialize(Object value, GraphQLContext context, Locale locale) {
    if (value instanceof Instant i) {
      return DateTimeFormatter.ISO_INSTANT.format(i);
    }
    if (value instanceof OffsetDateTime o) {
      return DateTimeFormatter.ISO_INSTANT.format(o.toInstant());
    }
    throw new CoercingSerializeException("Not a DateTime: " + value.getClass().getSimpleName());
  }

  @Override
  public OffsetDateTime parseValue(Object input, GraphQLContext context, Locale locale) {
    if (input instanceof String s) {
      try {
        return IsoDateTimes.parse(s);
      } catch (DateTimeParseException e) {
        throw new CoercingParseValueException("Not an ISO-8601 date-time with offset: " + s);
      }
    }
    throw new CoercingParseValueException("Expected an ISO-8601 string");
  }

  @Override
  public OffsetDateTime parseLiteral(
      Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
    if (input instanceof StringValue s) {
      try {
        return IsoDateTimes.parse(s.getValue());
      } catch (DateTimeParseException e) {
        throw new CoercingParseLiteralException("Not an ISO-8601 date-time with offset");
      }
    }
    throw new CoercingParseLiteralException("Expected an ISO-8601 string");
  }
}
