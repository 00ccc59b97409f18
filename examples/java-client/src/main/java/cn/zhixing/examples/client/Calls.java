package cn.zhixing.examples.client;

import cn.zhixing.cases.v1.CasesServiceGrpc;
import cn.zhixing.cases.v1.FileCaseRequest;
import cn.zhixing.cases.v1.FileCaseResponse;
import cn.zhixing.credit.v1.CheckRequest;
import cn.zhixing.credit.v1.CheckResponse;
import cn.zhixing.credit.v1.CreditCheckServiceGrpc;
import io.grpc.CallCredentials;
import io.grpc.Channel;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The two calls of the example, each answered as one JSON line: filing a case (an officer's
 * token) and checking an identity against the dishonest-debtor list (a partner's token).
 * A refusal arrives as a {@link io.grpc.StatusRuntimeException}; its description names the
 * rule and the field, e.g. {@code R16(4) [case_id]: ...}.
 */
final class Calls {
  /** Every call gets a deadline: a call without one can wait forever on a lost network. */
  private static final long DEADLINE_SECONDS = 15;

  private final Channel channel;
  private final CallCredentials token;

  Calls(Channel channel, CallCredentials token) {
    this.channel = channel;
    this.token = token;
  }

  /**
   * CasesService.FileCase. A filing without a request_id gets a fresh one: retrying with the
   * same request_id returns the case the first attempt filed instead of filing it twice.
   */
  JsonLine fileCase(FileCaseRequest filing) {
    FileCaseRequest request = filing.hasRequestId()
        ? filing
        : filing.toBuilder().setRequestId(UUID.randomUUID().toString()).build();
    FileCaseResponse response = CasesServiceGrpc.newBlockingStub(channel)
        .withCallCredentials(token)
        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
        .fileCase(request);
    // Each access code is one party's secret for the parties' window: hand it to that
    // party, never print or log it. Printed here with the code itself left out.
    FileCaseResponse.Builder shown = response.toBuilder();
    shown.getAccessCodesBuilderList().forEach(code -> code.clearAccessCode());
    return new JsonLine()
        .text("call", "FileCase")
        .text("request_id", request.getRequestId())
        .message("response", shown);
  }

  /** CreditCheckService.Check: is this identity listed or restricted now? */
  JsonLine check(String identityNumber) {
    CheckResponse response = CreditCheckServiceGrpc.newBlockingStub(channel)
        .withCallCredentials(token)
        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
        .check(CheckRequest.newBuilder().setIdentityNumber(identityNumber).build());
    // The identity number is personal data: printed masked, as the suite masks it (R60).
    return new JsonLine()
        .text("call", "Check")
        .text("identity", masked(response.getIdentityNumber()))
        .message("response", response.toBuilder().clearIdentityNumber());
  }

  /** The first 6 and last 4 characters, the rest as '*'; all '*' when it is shorter than 11. */
  static String masked(String identity) {
    if (identity.length() <= 10) {
      return "*".repeat(identity.length());
    }
    return identity.substring(0, 6) + "*".repeat(identity.length() - 10)
        + identity.substring(identity.length() - 4);
  }
}
