// Command zhixing-go-client files an enforcement case and checks identities against a
// running Zhixing suite, using Go code generated from Zhixing's protos/ alone.
//
// It is the Go counterpart of examples/java-client: what a bank's or a platform's Go
// engineer writes first. See README.md for how to generate the code, build and run it.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

// options are the command line; every token and target can also come from the
// environment, so no secret needs to be typed on a command line.
type options struct {
	target       string
	officerToken string
	partnerToken string
	timeout      time.Duration
	tls          bool
	caFile       string
	filing       filing
	checks       []string
}

func main() {
	opts, err := parse(os.Args[1:], os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "zhixing-go-client:", err)
		os.Exit(2)
	}
	if err := run(opts, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "zhixing-go-client:", err)
		os.Exit(1)
	}
}

func parse(args []string, errors io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("zhixing-go-client", flag.ContinueOnError)
	fs.SetOutput(errors)
	fs.StringVar(&o.target, "target", defaultTarget(),
		"the suite's gRPC address (env ZHIXING_GRPC_TARGET, else 127.0.0.1:$ZHIXING_GRPC_PORT)")
	// The tokens' defaults are read after parsing: a flag's default is printed by -h,
	// and a token is a secret.
	fs.StringVar(&o.officerToken, "officer-token", "",
		"a court officer's token, to file the case (env ZHIXING_OFFICER_TOKEN)")
	fs.StringVar(&o.partnerToken, "partner-token", "",
		"a registered partner's token, to check identities (env ZHIXING_PARTNER_TOKEN)")
	fs.DurationVar(&o.timeout, "timeout", 15*time.Second, "deadline of each call")
	fs.BoolVar(&o.tls, "tls", false, "connect with TLS (the system's CAs, or -ca)")
	fs.StringVar(&o.caFile, "ca", "", "PEM file of the CA that signed the server's certificate (implies -tls)")
	fs.StringVar(&o.filing.court, "court", "川0104", "the enforcing court's code (法院代码)")
	fs.StringVar(&o.filing.applicant, "applicant", "", "the applicant: NAME:RESIDENT_ID, or NAME:CREDIT_CODE:org")
	fs.StringVar(&o.filing.respondent, "respondent", "", "the respondent: NAME:RESIDENT_ID, or NAME:CREDIT_CODE:org")
	fs.Int64Var(&o.filing.principalFen, "principal-fen", 0, "the principal owed, in fen (分)")
	fs.StringVar(&o.filing.basisKind, "basis-kind", "judgment", "the kind of enforcement basis (执行依据)")
	fs.StringVar(&o.filing.issuingBody, "issuing-body", "", "who issued the basis (作出机构)")
	fs.StringVar(&o.filing.basisNumber, "basis-number", "", "the basis's document number, e.g. (2025)川0104民初100号")
	fs.StringVar(&o.filing.basisDate, "basis-date", "", "the day the basis took effect, YYYY-MM-DD")
	fs.StringVar(&o.filing.requestID, "request-id", "", "idempotency key: a retry with it files no second case")
	fs.Func("check", "an identity to check (repeatable); none: the respondent's, after filing",
		func(v string) error { o.checks = append(o.checks, v); return nil })
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	o.officerToken = orEnv(o.officerToken, "ZHIXING_OFFICER_TOKEN")
	o.partnerToken = orEnv(o.partnerToken, "ZHIXING_PARTNER_TOKEN")
	if o.caFile != "" {
		o.tls = true
	}
	if !o.filing.asked() && len(o.checks) == 0 {
		return o, fmt.Errorf("nothing to do: give -applicant and -respondent (to file a case) or -check IDENTITY")
	}
	if o.filing.asked() && o.officerToken == "" {
		return o, fmt.Errorf("-officer-token (or ZHIXING_OFFICER_TOKEN) is needed to file a case")
	}
	return o, nil
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

// orEnv is value, or the environment variable name when value is empty.
func orEnv(value, name string) string {
	if value != "" {
		return value
	}
	return os.Getenv(name)
}

// defaultTarget follows the suite's own CLI: ZHIXING_GRPC_TARGET, else the port
// `make run` was given (ZHIXING_GRPC_PORT) on loopback, else 127.0.0.1:50051.
func defaultTarget() string {
	return envOr("ZHIXING_GRPC_TARGET", "127.0.0.1:"+envOr("ZHIXING_GRPC_PORT", "50051"))
}

// run files the case (when given its parties), then checks each identity —
// the respondent's when none is named — and prints what the suite answered.
func run(o options, out io.Writer) error {
	conn, err := dial(o)
	if err != nil {
		return err
	}
	defer conn.Close()
	checks := o.checks
	if o.filing.asked() {
		respondentID, err := fileCase(conn, o, out)
		if err != nil {
			return err
		}
		if len(checks) == 0 {
			checks = []string{respondentID}
		}
	}
	if len(checks) > 0 && o.partnerToken == "" {
		return fmt.Errorf("-partner-token (or ZHIXING_PARTNER_TOKEN) is needed to check identities")
	}
	for _, identity := range checks {
		if err := check(conn, o, identity, out); err != nil {
			return err
		}
	}
	return nil
}

// withToken is a context for one call: its deadline and the caller's bearer token.
func withToken(o options, token string) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(context.Background(), o.timeout)
	return bearer(ctx, token), cancel
}
