package org.loyaltygraph.order;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code loyaltygraph.orders.*}.
 *
 * @param guestLinkWindow how old a guest order may be and still be credited when its guest
 *     registers
 */
@ConfigurationProperties("loyaltygraph.orders")
public record OrderProperties(@DefaultValue("365d") Duration guestLinkWindow) {}
