package cn.zhixing.examples.client;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Where the suite is and how to reach it: the target (host:port), TLS or not, and the
 * channel to it.
 *
 * <p>The target is, in order: {@code --target}, {@code ZHIXING_GRPC_TARGET},
 * {@code 127.0.0.1:$ZHIXING_GRPC_PORT}, {@code 127.0.0.1:50051} — the same order as the
 * suite's own command line.
 */
record Connection(String target, boolean tls, File caFile) {
  static final String DEFAULT_TARGET = "127.0.0.1:50051";

  /** The target named by the option, else by the environment, else the default. */
  static String resolveTarget(String option, Map<String, String> env) {
    if (option != null && !option.isBlank()) {
      return option;
    }
    String target = env.get("ZHIXING_GRPC_TARGET");
    if (target != null && !target.isBlank()) {
      return target;
    }
    String port = env.get("ZHIXING_GRPC_PORT");
    if (port != null && !port.isBlank()) {
      return "127.0.0.1:" + port.strip();
    }
    return DEFAULT_TARGET;
  }

  /** A channel to the target: TLS (the JDK's trust store, or the CA file) or plain text. */
  ManagedChannel open() throws IOException {
    ChannelCredentials credentials;
    if (tls) {
      TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
      if (caFile != null) {
        builder.trustManager(caFile);
      }
      credentials = builder.build();
    } else {
      credentials = InsecureChannelCredentials.create();
    }
    return Grpc.newChannelBuilder(target, credentials).build();
  }

  /** Whether a token may go without TLS: only to this machine. */
  boolean plaintextAllowed() {
    return !tls && isLoopback(host());
  }

  private String host() {
    String address = target.replaceFirst("^dns:(///)?", "");
    if (address.startsWith("[")) { // [::1]:50051
      return address.substring(1, Math.max(1, address.indexOf(']')));
    }
    int colon = address.lastIndexOf(':');
    return colon < 0 ? address : address.substring(0, colon);
  }

  private static boolean isLoopback(String host) {
    if (host.equals("localhost")) {
      return true;
    }
    try {
      // Only literal addresses: a name is not resolved just to decide this.
      return host.matches("[0-9.]+|[0-9a-fA-F:]+") && InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
