package eu.mostbridge.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's simulators log anyone in as any synthetic persona: the packaged demo, started with the
 * README's command, must answer on loopback only, its management port included.
 */
class DemoExposureTest {
  private static DemoServer demo;

  @BeforeAll
  static void startDemo() throws Exception {
    demo = DemoServer.start();
  }

  @AfterAll
  static void stopDemo() {
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void theDemoAnswersOnLoopbackOnly() throws Exception {
    InetAddress outside = nonLoopbackAddress();
    for (int port : List.of(demo.port(), demo.managementPort())) {
      try (Socket reached = new Socket()) {
        reached.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
        assertThat(reached.isConnected()).isTrue();
      }
      assertThatThrownBy(
              () -> {
                try (Socket socket = new Socket()) {
                  socket.connect(new InetSocketAddress(outside, port), 2_000);
                }
              })
          .as("port %d on %s", port, outside)
          .isInstanceOf(IOException.class);
    }
  }

  /** This host's address on a network (CI machines and developers' machines have one). */
  private static InetAddress nonLoopbackAddress() throws IOException {
    for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress address : nic.inetAddresses().toList()) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          return address;
        }
      }
    }
    throw new AssertionError("This host has no IPv4 address outside loopback to test from");
  }
}
