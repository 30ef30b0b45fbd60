package org.loyaltygraph.graphql;

import com.netflix.graphql.dgs.DgsScalar;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import java.math.BigInteger;
import java.util.Locale;

/** Points and minor units of money exceed GraphQL's 32-bit Int; this scalar carries 64 bits. */
@DgsScalar(name = "Long")
public class LongScalar implements Coercing<Long, Long> {

  private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

  @Override
  public Long serialize(Object value, GraphQLContext context, Locale locale) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    throw new CoercingSerializeException("Not a Long: " + value.getClass().getSimpleName());
  }

  @Override
  public Long parseValue(Object input, GraphQLContext context, Locale locale) {
    if (input instanceof Integer || input instanceof Long || input instanceof Short) {
      return ((Number) input).longValue();
    }
    if (input instanceof BigInteger b && b.compareTo(MIN) >= 0 && b.compareTo(MAX) <= 0) {
      return b.longValue();
    }
    if (input instanceof String s) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw new CoercingParseValueException("Not a 64-bit integer: " + s);
      }
    }
    throw new CoercingParseValueException("Expected a 64-bit integer");
  }

  @Override
  public Long parseLiteral(
      Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
    if (input instanceof IntValue i
        && i.getValue().compareTo(MIN) >= 0
        && i.getValue().compareTo(MAX) <= 0) {
      return i.getValue().longValue();
    }
    if (input instanceof StringValue s) {
      try {
        return Long.parseLong(s.getValue());
      } catch (NumberFormatException e) {
        throw new CoercingParseLiteralException("Not a 64-bit integer: " + s.getValue());
      }
    }
    throw new CoercingParseLiteralException("Expected a 64-bit integer");
  }
}
