package org.loyaltygraph.order;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

/**
 * {@code orderRecord} reads its input by field name instead of through DGS's mapping: every field
 * of the schema's input types is read, and each lands where the generated class would put it.
 */
@LoyaltyGraphTest
class OrderInputFieldsTest {

  @Autowired GraphQlSource source;

  @Test
  void everyFieldOfTheSchemasInputsIsRead() {
    assertThat(OrderGraphQLMapping.RECORD_INPUT_FIELDS)
        .containsExactlyInAnyOrderElementsOf(fields("OrderRecordInput"));
    assertThat(OrderGraphQLMapping.LINE_INPUT_FIELDS)
        .containsExactlyInAnyOrderElementsOf(fields("OrderLineInput"));
  }

  @Test
  void eachFieldLandsInTheOrderInput() {
    Map<String, Object> line = new HashMap<>();
    line.put("lineId", "l1");
    line.put("sku", "SKU-1");
    line.put("category", "shoes");
    line.put("quantity", 3);
    line.put("unitPrice", 1_999L);
    line.put("discount", 100L);
    line.put("giftCard", true);
    Map<String, Object> bare = new HashMap<>(Map.of("lineId", "l2", "sku", "SKU-2"));
    bare.put("quantity", 1);
    bare.put("unitPrice", 500L);
    Map<String, Object> in = new HashMap<>();
    in.put("id", "o1");
    in.put("customerId", "c1");
    in.put("guestEmail", "guest@example.com");
    in.put("placedAt", OffsetDateTime.of(2026, 11, 30, 13, 0, 0, 0, ZoneOffset.ofHours(2)));
    in.put("currency", "EUR");
    in.put("orderDiscount", 10L);
    in.put("shipping", 20L);
    in.put("tax", 30L);
    in.put("lines", List.of(line, bare));
    in.put("rewardCodes", List.of("CODE-1"));

    OrderInput input = OrderGraphQLMapping.recordInput(in, new BigDecimal("1.08"));

    assertThat(input)
        .isEqualTo(
            new OrderInput(
                "o1",
                "c1",
                Instant.parse("2026-11-30T11:00:00Z"),
                "EUR",
                new BigDecimal("1.08"),
                10,
                20,
                30,
                List.of(
                    new OrderInput.Line("l1", "SKU-1", "shoes", 3, 1_999, 100, true),
                    new OrderInput.Line("l2", "SKU-2", null, 1, 500, 0, false)),
                "guest@example.com",
                List.of("CODE-1")));
  }

  private List<String> fields(String inputType) {
    return ((GraphQLInputObjectType) source.schema().getType(inputType))
        .getFieldDefinitions().stream().map(GraphQLInputObjectField::getName).toList();
  }
}
