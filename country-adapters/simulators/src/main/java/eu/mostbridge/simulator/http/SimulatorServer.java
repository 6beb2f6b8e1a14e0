package eu.mostbridge.simulator.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's HTTP server on loopback, hosting one or more simulators under their paths. Tests start
 * one on a free port; the demo (demo/) mounts the simulators its own way.
 */
public final class SimulatorServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  private SimulatorServer(HttpServer server) {
    this.server = server;
    server.setExecutor(executor);
  }

  /** A server on 127.0.0.1, on {@code port} (0 for any free one), not yet started. */
  public static SimulatorServer onLoopback(int port) throws IOException {
    return new SimulatorServer(
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0));
  }

  public SimulatorServer mount(String path, HttpHandler handler) {
    server.createContext(path, handler);
    return this;
  }

  public SimulatorServer start() {
    server.start();
    return this;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
