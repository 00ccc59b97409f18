package cn.zhixing.examples.client;

import cn.zhixing.cases.v1.CasesServiceGrpc;
import cn.zhixing.cases.v1.FileCaseRequest;
import cn.zhixing.cases.v1.FileCaseResponse;
import cn.zhixing.credit.v1.AnswerForm;
import cn.zhixing.credit.v1.BatchCheckRequest;
import cn.zhixing.credit.v1.BatchCheckResponse;
import cn.zhixing.credit.v1.CheckRequest;
import cn.zhixing.credit.v1.CheckResponse;
import cn.zhixing.credit.v1.CreditCheckServiceGrpc;
import cn.zhixing.credit.v1.CreditState;
import io.grpc.CallCredentials;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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

  /** Identities a BatchCheck message carries at most (the contract's bound, R42). */
  static final int BATCH = 10_000;

  /** Rule R13's conduct codes in the order of their bits in a packed word (check.proto). */
  static final List<String> CONDUCT = List.of("flights", "soft_sleepers", "ship_second_class",
      "g_trains", "high_speed_first_class", "starred_hotels", "nightclubs", "golf",
      "real_estate", "luxury_building", "high_end_offices", "vehicles", "travel",
      "private_schools", "insurance_wealth");

  /**
   * CreditCheckService.BatchCheck in the packed answer form: the identities in batches of
   * 10,000 on one stream, each answer 8 bytes an identity, read back into the CreditState
   * the default form would carry; one entry an identity, in order, printed masked (R60).
   */
  JsonLine batchCheck(List<String> identities) {
    CompletableFuture<List<BatchCheckResponse>> done = new CompletableFuture<>();
    List<BatchCheckResponse> answers = new ArrayList<>();
    StreamObserver<BatchCheckRequest> requests = CreditCheckServiceGrpc.newStub(channel)
        .withCallCredentials(token)
        .withDeadlineAfter(DEADLINE_SECONDS * 20, TimeUnit.SECONDS)
        .batchCheck(new StreamObserver<>() {
          @Override
          public void onNext(BatchCheckResponse answer) {
            answers.add(answer);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }

          @Override
          public void onCompleted() {
            done.complete(answers);
          }
        });
    for (int at = 0; at < identities.size(); at += BATCH) {
      requests.onNext(BatchCheckRequest.newBuilder()
          .addAllIdentityNumbers(identities.subList(at, Math.min(at + BATCH, identities.size())))
          .setAnswerForm(AnswerForm.ANSWER_FORM_PACKED)
          .build());
    }
    requests.onCompleted();
    List<CreditState> states = new ArrayList<>();
    for (BatchCheckResponse answer : awaited(done)) {
      ByteBuffer words = answer.getPackedStates().asReadOnlyByteBuffer()
          .order(ByteOrder.LITTLE_ENDIAN);
      while (words.remaining() >= Long.BYTES) {
        states.add(state(words.getLong()));
      }
    }
    if (states.size() != identities.size()) {
      throw new IllegalStateException("BatchCheck answered " + states.size() + " of "
          + identities.size() + " identities");
    }
    StringBuilder listed = new StringBuilder("[");
    for (int i = 0; i < states.size(); i++) {
      listed.append(i > 0 ? "," : "").append(new JsonLine()
          .text("identity", masked(identities.get(i)))
          .message("state", states.get(i)));
    }
    return new JsonLine()
        .text("call", "BatchCheck")
        .number("checked", states.size())
        .raw("answers", listed.append(']').toString());
  }

  /** One packed word (layout in check.proto) as the CreditState the default form carries. */
  static CreditState state(long word) {
    CreditState.Builder state = CreditState.newBuilder()
        .setListed((word & 1) != 0)
        .setRestricted((word & 2) != 0)
        .setCases((int) (word >>> 38 & 0xFFFFFF));
    long mask = word >>> 2 & 0xFFFF;
    for (int bit = 0; bit < CONDUCT.size(); bit++) {
      if ((mask >>> bit & 1) != 0) {
        state.addConduct(CONDUCT.get(bit));
      }
    }
    long days = word >>> 18 & 0xFFFFF;
    return state.setSince(days == 0 ? "" : LocalDate.ofEpochDay(days).toString()).build();
  }

  /** The stream's answers; a refusal rethrown as the status it came with. */
  private static List<BatchCheckResponse> awaited(CompletableFuture<List<BatchCheckResponse>> done) {
    try {
      return done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StatusRuntimeException refused) {
        throw refused;
      }
      throw new IllegalStateException(e.getCause());
    }
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
