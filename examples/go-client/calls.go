package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"os"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	casesv1 "zhixing.cn/gen/go/zhixing/cases/v1"
	creditv1 "zhixing.cn/gen/go/zhixing/credit/v1"
)

// filing is the case to file, as given on the command line.
type filing struct {
	court, applicant, respondent                   string
	basisKind, issuingBody, basisNumber, basisDate string
	requestID                                      string
	principalFen                                   int64
}

// dial opens the channel: plaintext on loopback (how `make run` serves), TLS when the
// suite sits behind a TLS-terminating proxy, as it would in a court's data centre.
func dial(o options) (*grpc.ClientConn, error) {
	creds := insecure.NewCredentials()
	if o.tls {
		config := &tls.Config{MinVersion: tls.VersionTLS12}
		if o.caFile != "" {
			pem, err := os.ReadFile(o.caFile)
			if err != nil {
				return nil, fmt.Errorf("reading -ca: %w", err)
			}
			config.RootCAs = x509.NewCertPool()
			if !config.RootCAs.AppendCertsFromPEM(pem) {
				return nil, fmt.Errorf("-ca %s holds no PEM certificate", o.caFile)
			}
		}
		creds = credentials.NewTLS(config)
	}
	return grpc.NewClient(o.target, grpc.WithTransportCredentials(creds))
}

// bearer adds the token the suite authenticates every call with (a JWT, HS256).
func bearer(ctx context.Context, token string) context.Context {
	return metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+token)
}

// fileCase calls CasesService.FileCase as the officer; returns the respondent's identity.
func fileCase(conn *grpc.ClientConn, o options, out io.Writer) (string, error) {
	request, err := o.filing.request()
	if err != nil {
		return "", err
	}
	ctx, cancel := withToken(o, o.officerToken)
	defer cancel()
	filed, err := casesv1.NewCasesServiceClient(conn).FileCase(ctx, request)
	if err != nil {
		return "", refused("FileCase", err)
	}
	roles := make([]string, 0, len(filed.GetAccessCodes()))
	for _, code := range filed.GetAccessCodes() {
		roles = append(roles, code.GetRole())
	}
	// The access codes themselves are each party's secret: this prints only whose they are.
	fmt.Fprintf(out, "FileCase: case_id=%s case_number=%s access_codes=%s\n",
		filed.GetCaseId(), filed.GetCaseNumber(), strings.Join(roles, ","))
	return request.GetRespondents()[0].GetIdentityNumber(), nil
}

// check calls CreditCheckService.Check as the partner and prints the identity's state.
func check(conn *grpc.ClientConn, o options, identity string, out io.Writer) error {
	ctx, cancel := withToken(o, o.partnerToken)
	defer cancel()
	answer, err := creditv1.NewCreditCheckServiceClient(conn).Check(ctx,
		&creditv1.CheckRequest{IdentityNumber: identity})
	if err != nil {
		return refused("Check", err)
	}
	state := answer.GetState()
	fmt.Fprintf(out, "Check: identity=%s valid=%t listed=%t restricted=%t conduct=%s since=%s cases=%d\n",
		masked(answer.GetIdentityNumber()), answer.GetValid(), state.GetListed(),
		state.GetRestricted(), strings.Join(state.GetConduct(), ","), state.GetSince(),
		state.GetCases())
	return nil
}

// refused says which call failed with the suite's status code and message (which names
// the field and the rule, e.g. "R42 [identity_number]: ...").
func refused(call string, err error) error {
	s := status.Convert(err)
	return fmt.Errorf("%s: %s: %s", call, s.Code(), s.Message())
}

// asked says whether the command line asks for a filing (it names a party).
func (f filing) asked() bool {
	return f.applicant != "" || f.respondent != ""
}

func (f filing) request() (*casesv1.FileCaseRequest, error) {
	applicant, err := party("-applicant", f.applicant)
	if err != nil {
		return nil, err
	}
	respondent, err := party("-respondent", f.respondent)
	if err != nil {
		return nil, err
	}
	request := &casesv1.FileCaseRequest{
		CourtCode: f.court,
		CaseType:  "执",
		Basis: &casesv1.EnforcementBasis{Kind: f.basisKind, IssuingBody: f.issuingBody,
			DocumentNumber: f.basisNumber, EffectiveDate: f.basisDate},
		Applicants:  []*casesv1.Party{applicant},
		Respondents: []*casesv1.Party{respondent},
		Claim:       &casesv1.Claim{PrincipalFen: f.principalFen},
	}
	if f.requestID != "" {
		request.RequestId = &f.requestID // an optional field: a pointer in Go
	}
	return request, nil
}

// party reads NAME:ID (a natural person) or NAME:CODE:org (an organisation).
func party(flagName, value string) (*casesv1.Party, error) {
	parts := strings.Split(value, ":")
	switch {
	case len(parts) == 2 && parts[0] != "" && parts[1] != "":
		return &casesv1.Party{Name: parts[0], IdentityNumber: parts[1],
			Kind: casesv1.PartyKind_PARTY_KIND_NATURAL_PERSON}, nil
	case len(parts) == 3 && parts[0] != "" && parts[1] != "" && parts[2] == "org":
		return &casesv1.Party{Name: parts[0], IdentityNumber: parts[1],
			Kind: casesv1.PartyKind_PARTY_KIND_ORGANISATION}, nil
	}
	return nil, fmt.Errorf("%s must be NAME:RESIDENT_ID or NAME:CREDIT_CODE:org", flagName)
}

// masked keeps the first 6 and last 4 characters of an identity number, as Zhixing's own
// tools print them (rule R60: no full ID number in output or logs).
func masked(identity string) string {
	runes := []rune(identity)
	if len(runes) <= 10 {
		return strings.Repeat("*", len(runes))
	}
	return string(runes[:6]) + strings.Repeat("*", len(runes)-10) + string(runes[len(runes)-4:])
}
