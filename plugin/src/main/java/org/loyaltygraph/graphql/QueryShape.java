package org.loyaltygraph.graphql;

import graphql.language.Argument;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.TypeName;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an operation asks for, measured on its syntax tree before anything executes: how deep it
 * nests, its static cost, and the page sizes ({@code first}) out of bounds.
 *
 * <p>Cost: 1 per field; the subtree of a field with a {@code first} argument counts {@code first}
 * times (the list of that page, {@code edges} or {@code nodes}, is not counted again); any other
 * list of objects counts {@link #UNBOUNDED_LIST_FACTOR} times. Introspection ({@code __schema},
 * {@code __type}) counts for neither depth nor cost: it is off outside the demo profile and
 * graphql-java's good-faith introspection check bounds it.
 *
 * @param depth deepest field nesting, root fields at 1 (stops counting past the ceiling given)
 * @param cost static cost, saturating at {@link Long#MAX_VALUE}
 * @param invalidPageSizes one message per connection whose {@code first} is missing or outside
 *     1..{@value Pagination#MAX_PAGE_SIZE}
 */
public record QueryShape(int depth, long cost, List<String> invalidPageSizes) {

  /** How many items a list without {@code first} is assumed to hold. */
  public static final int UNBOUNDED_LIST_FACTOR = 10;

  /**
   * Measures {@code operation}. The walk stops descending below {@code depthCeiling} (such an
   * operation is refused anyway), which also bounds it on any document.
   */
  public static QueryShape measure(
      GraphQLSchema schema,
      OperationDefinition operation,
      Map<String, FragmentDefinition> fragments,
      Map<String, ?> variables,
      int depthCeiling) {
    Walk walk = new Walk(schema, fragments, variables, depthCeiling);
    GraphQLType root =
        switch (operation.getOperation()) {
          case MUTATION -> schema.getMutationType();
          case SUBSCRIPTION -> schema.getSubscriptionType();
          default -> schema.getQueryType();
        };
    long cost = walk.selections(operation.getSelectionSet(), root, 0, false);
    return new QueryShape(walk.depth, cost, List.copyOf(walk.invalidPageSizes));
  }

  private static final class Walk {

    private final GraphQLSchema schema;
    private final Map<String, FragmentDefinition> fragments;
    private final Map<String, ?> variables;
    private final int depthCeiling;
    private final List<String> invalidPageSizes = new ArrayList<>();
    private int depth;

    Walk(
        GraphQLSchema schema,
        Map<String, FragmentDefinition> fragments,
        Map<String, ?> variables,
        int depthCeiling) {
      this.schema = schema;
      this.fragments = fragments;
      this.variables = variables;
      this.depthCeiling = depthCeiling;
    }

    /** {@code pageOfConnection}: the selections are those of a connection, already multiplied. */
    long selections(SelectionSet set, GraphQLType parent, int level, boolean pageOfConnection) {
      long cost = 0;
      for (Selection<?> selection : set.getSelections()) {
        long part = 0;
        if (selection instanceof Field field) {
          part = field(field, parent, level + 1, pageOfConnection);
        } else if (selection instanceof InlineFragment inline) {
          GraphQLType type = typeOf(inline.getTypeCondition(), parent);
          part = selections(inline.getSelectionSet(), type, level, pageOfConnection);
        } else if (selection instanceof FragmentSpread spread) {
          FragmentDefinition fragment = fragments.get(spread.getName());
          if (fragment != null) {
            GraphQLType type = typeOf(fragment.getTypeCondition(), parent);
            part = selections(fragment.getSelectionSet(), type, level, pageOfConnection);
          }
        }
        cost = add(cost, part);
      }
      return cost;
    }

    private long field(Field field, GraphQLType parent, int level, boolean pageOfConnection) {
      String name = field.getName();
      if (name.equals("__schema") || name.equals("__type")) {
        return 0;
      }
      depth = Math.max(depth, level);
      GraphQLFieldDefinition definition =
          parent instanceof GraphQLFieldsContainer container
              ? container.getFieldDefinition(name)
              : null;
      if (definition != null && definition.getArgument("first") != null) {
        checkPageSize(field, definition);
      }
      if (definition == null || field.getSelectionSet() == null || level > depthCeiling) {
        return 1; // a leaf, or deeper than allowed: the operation is refused anyway
      }
      GraphQLType type = definition.getType();
      long factor = 1;
      boolean page = false;
      if (definition.getArgument("first") != null) {
        Integer first = pageSize(field);
        factor =
            first == null
                ? Pagination.MAX_PAGE_SIZE
                : Math.max(1, Math.min(first, Pagination.MAX_PAGE_SIZE));
        page = true;
      } else if (GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(type)) && !pageOfConnection) {
        factor = UNBOUNDED_LIST_FACTOR;
      }
      long children =
          selections(field.getSelectionSet(), GraphQLTypeUtil.unwrapAll(type), level, page);
      return add(1, multiply(factor, children));
    }

    private void checkPageSize(Field field, GraphQLFieldDefinition definition) {
      if (!GraphQLTypeUtil.unwrapAll(definition.getType()).getName().endsWith("Connection")) {
        return;
      }
      Integer first = pageSize(field);
      if (first == null || first < 1 || first > Pagination.MAX_PAGE_SIZE) {
        invalidPageSizes.add(
            "`first` of "
                + field.getName()
                + " must be between 1 and "
                + Pagination.MAX_PAGE_SIZE
                + "; it is "
                + first
                + ".");
      }
    }

    private Integer pageSize(Field field) {
      Argument argument =
          field.getArguments().stream()
              .filter(a -> a.getName().equals("first"))
              .findFirst()
              .orElse(null);
      if (argument == null) {
        return null;
      }
      Value<?> value = argument.getValue();
      Object resolved = null;
      if (value instanceof IntValue literal) {
        resolved = literal.getValue();
      } else if (value instanceof VariableReference variable) {
        resolved = variables.get(variable.getName());
      }
      if (resolved instanceof Number n) {
        // a BigInteger beyond int is out of bounds either way
        return n.longValue() > Integer.MAX_VALUE || n.longValue() < Integer.MIN_VALUE
            ? Integer.MAX_VALUE
            : n.intValue();
      }
      return null;
    }

    private GraphQLType typeOf(TypeName condition, GraphQLType parent) {
      if (condition == null) {
        return parent;
      }
      GraphQLType type = schema.getType(condition.getName());
      return type != null ? type : parent;
    }
  }

  private static long add(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  private static long multiply(long a, long b) {
    return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }
}
