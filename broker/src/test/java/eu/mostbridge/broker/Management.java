package eu.mostbridge.broker;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Requests to the broker's management port (health, metrics) in {@code @QuarkusTest}s. */
public final class Management {
  /** {@code %test.quarkus.management.test-port}. */
  public static final int TEST_PORT = 9001;

  private Management() {}

  public static RequestSpecification given() {
    return RestAssured.given().port(TEST_PORT);
  }
}
