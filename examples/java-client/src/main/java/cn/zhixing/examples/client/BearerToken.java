package cn.zhixing.examples.client;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.SecurityLevel;
import io.grpc.Status;
import java.util.concurrent.Executor;

/**
 * Sends a Zhixing token (a JWT the court's identity provider issued) as
 * {@code authorization: Bearer <token>} on every call.
 *
 * <p>A bearer token is as good as a password for as long as it lives, so it only goes over
 * TLS, or in plain text to a suite on this machine (loopback) when the caller says so.
 */
final class BearerToken extends CallCredentials {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final String token;
  private final boolean plaintextAllowed;

  /**
   * @param token the JWT, without the "Bearer " prefix
   * @param plaintextAllowed true only for a loopback target without TLS
   */
  BearerToken(String token, boolean plaintextAllowed) {
    this.token = token;
    this.plaintextAllowed = plaintextAllowed;
  }

  @Override
  public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
    if (info.getSecurityLevel() != SecurityLevel.PRIVACY_AND_INTEGRITY && !plaintextAllowed) {
      // Fail the call rather than leak the token; the message never contains it.
      applier.fail(Status.UNAUTHENTICATED.withDescription(
          "refusing to send the token without TLS: use --tls (or a loopback target)"));
      return;
    }
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, "Bearer " + token);
    applier.apply(headers);
  }
}
