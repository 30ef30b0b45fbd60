package org.loyaltygraph;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Loyalty Graph: a loyalty and retention service for e-commerce storefronts, over GraphQL. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class LoyaltyGraphApplication {

  public static void main(String[] args) {
    SpringApplication.run(LoyaltyGraphApplication.class, args);
  }
}
