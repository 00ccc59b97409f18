package cn.zhixing.examples.client;

import cn.zhixing.cases.v1.FileCaseRequest;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code java -jar zhixing-java-client.jar [options] file-case <filing.json | ->} or
 * {@code ... check <identity number>} or {@code ... batch-check <file | ->}: one call to the suite, its answer printed as one JSON
 * line on standard output.
 *
 * <p>Exit status: 0 answered; 1 the suite refused or could not be reached (a JSON line with
 * {@code error.code} and {@code error.message}); 2 bad usage (a message on standard error).
 */
public final class Main {
  private static final String USAGE = """
      usage: java -jar zhixing-java-client.jar [--target HOST:PORT] [--tls] [--ca-file CA.pem] COMMAND
        file-case FILING.json   file a case (CasesService.FileCase); the filing is a
                                FileCaseRequest in the proto3 JSON mapping ("-": standard input)
        check IDENTITY          check an identity (CreditCheckService.Check)
        batch-check FILE        check many identities, one a line ("-": standard input), with
                                CreditCheckService.BatchCheck in its packed answer form
      environment:
        ZHIXING_TOKEN           the bearer token (an officer's for file-case, a partner's for check and batch-check)
        ZHIXING_GRPC_TARGET     the target when --target is not given (else 127.0.0.1:$ZHIXING_GRPC_PORT,
                                else 127.0.0.1:50051)
      """;

  private Main() {}

  /** Runs one command and exits with its status. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.exit(run(args, System.getenv(), out));
  }

  static int run(String[] args, Map<String, String> env, PrintStream out) {
    Options options;
    try {
      options = Options.parse(args, env);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(USAGE);
      return 2;
    }
    ManagedChannel channel;
    try {
      channel = options.connection().open();
    } catch (IOException e) {
      System.err.println("--ca-file: cannot read it (" + e.getClass().getSimpleName() + ")");
      return 2;
    }
    try {
      Calls calls = new Calls(channel,
          new BearerToken(options.token(), options.connection().plaintextAllowed()));
      JsonLine answer = switch (options.command()) {
        case "file-case" -> calls.fileCase(options.filing());
        case "check" -> calls.check(options.argument());
        case "batch-check" -> calls.batchCheck(options.identities());
        default -> throw new IllegalStateException(options.command());
      };
      out.println(answer);
      return 0;
    } catch (StatusRuntimeException e) {
      out.println(new JsonLine()
          .text("call", switch (options.command()) {
            case "check" -> "Check";
            case "batch-check" -> "BatchCheck";
            default -> "FileCase";
          })
          .object("error", new JsonLine()
              .text("code", e.getStatus().getCode().name())
              .text("message", String.valueOf(e.getStatus().getDescription()))));
      return 1;
    } finally {
      channel.shutdownNow();
      try {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A compact JWS: header.payload.signature, each base64url. */
  private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

  /** The parsed command line. */
  record Options(Connection connection, String token, String command, String argument,
                 FileCaseRequest filing, List<String> identities) {
    static Options parse(String[] args, Map<String, String> env) {
      String target = null;
      boolean tls = false;
      File caFile = null;
      List<String> rest = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--target" -> target = value(args, ++i, "--target");
          case "--tls" -> tls = true;
          case "--ca-file" -> {
            caFile = new File(value(args, ++i, "--ca-file"));
            tls = true;
          }
          default -> rest.add(args[i]);
        }
      }
      if (rest.size() != 2 || !List.of("file-case", "check", "batch-check").contains(rest.get(0))) {
        throw new IllegalArgumentException("expected a command and its one argument");
      }
      String token = env.getOrDefault("ZHIXING_TOKEN", "").strip();
      if (token.isEmpty()) {
        throw new IllegalArgumentException(
            "ZHIXING_TOKEN is not set: issue one with `zhixing token --role ...` (see README)");
      }
      if (!JWT.matcher(token).matches()) {
        // Checked here because grpc-java logs a header value it cannot send, bytes and all;
        // the token is never shown back.
        throw new IllegalArgumentException("ZHIXING_TOKEN is not a JWT (three base64url parts"
            + " joined by '.', nothing else): was something else captured with it?");
      }
      Connection connection = new Connection(Connection.resolveTarget(target, env), tls, caFile);
      if (!tls && !connection.plaintextAllowed()) {
        throw new IllegalArgumentException(connection.target() + " is not this machine: use --tls"
            + " (the token goes in plain text only to a loopback target)");
      }
      String command = rest.get(0);
      FileCaseRequest filing = command.equals("file-case") ? readFiling(rest.get(1)) : null;
      List<String> identities = command.equals("batch-check") ? readIdentities(rest.get(1)) : null;
      return new Options(connection, token, command, rest.get(1), filing, identities);
    }

    private static String value(String[] args, int index, String option) {
      if (index >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[index];
    }

    /** The non-blank lines of the file (or standard input), stripped: one identity each. */
    private static List<String> readIdentities(String path) {
      try {
        String text = path.equals("-")
            ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
            : Files.readString(Path.of(path), StandardCharsets.UTF_8);
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the identities " + path + ": "
            + e.getClass().getSimpleName());
      }
    }

    /** The filing, in the proto3 JSON mapping; an unknown field is an error, not ignored. */
    private static FileCaseRequest readFiling(String path) {
      FileCaseRequest.Builder filing = FileCaseRequest.newBuilder();
      try {
        String json = path.equals("-")
            ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
            : Files.readString(Path.of(path), StandardCharsets.UTF_8);
        JsonFormat.parser().merge(json, filing);
      } catch (InvalidProtocolBufferException e) {
        // The parser's message names the field; it can quote a value, which is the
        // caller's own input shown back to the caller only.
        throw new IllegalArgumentException("the filing is not a FileCaseRequest: " + e.getMessage());
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the filing " + path + ": " + e.getMessage());
      }
      return filing.build();
    }
  }
}
