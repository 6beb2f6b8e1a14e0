package eu.mostbridge.demo;

import eu.mostbridge.broker.health.Demonstration;
import jakarta.enterprise.context.ApplicationScoped;

/** Tells the broker's start-up checks that this build is the demo. */
@ApplicationScoped
public class DemoDeclaration implements Demonstration {
  @Override
  public String standIns() {
    return "simulated national eIDs under /sim/, demo services under /demo/, keys and secrets made"
        + " at start-up";
  }
}
