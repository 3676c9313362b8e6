package main

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/jcsso/jcsso/internal/userpath"
	"github.com/jcsso/jcsso/samlcheck"
	"github.com/jcsso/jcsso/samlcheck/response"
	samlsource "github.com/jcsso/jcsso/samlcheck/source"
)

// pathFlags are the flags of any command that name a file or a folder (some
// take a URL or - as well, which userpath.Clean leaves alone).
var pathFlags = []string{"metadata", "out", "profile", "config", "cert", "admins", "tls-cert", "response", "report", "metrics"}

// cleanPathFlags reads every path flag the way the wizard reads a typed
// path (userpath.Clean: ~ and ~/, quotes, backslash escapes, file:// URLs),
// since a shell leaves ~ alone after --flag= and inside quotes. The root
// command runs it before any command.
func cleanPathFlags(cmd *cobra.Command) error {
	var errs []error
	cmd.Flags().Visit(func(fl *pflag.Flag) {
		if !slices.Contains(pathFlags, fl.Name) {
			return
		}
		if sv, ok := fl.Value.(pflag.SliceValue); ok {
			list := sv.GetSlice()
			for i, v := range list {
				p, err := userpath.Clean(v)
				if err != nil {
					errs = append(errs, fmt.Errorf("--%s %w", fl.Name, err))
				}
				list[i] = p
			}
			errs = append(errs, sv.Replace(list))
			return
		}
		p, err := userpath.Clean(fl.Value.String())
		if err == nil {
			err = fl.Value.Set(p)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("--%s %w", fl.Name, err))
		}
	})
	if err := errors.Join(errs...); err != nil {
		return usageError("%w", err)
	}
	return nil
}

// typedPath is a path argument (SOURCE, RESPONSE, FILE) read as
// cleanPathFlags reads the flags.
func typedPath(arg string) (string, error) {
	p, err := userpath.Clean(arg)
	if err != nil {
		return "", usageError("%w", err)
	}
	return p, nil
}

// newFetcher is a command's one fetch client: --timeout for each fetch,
// the versioned User-Agent, and the engine's URL rules, caps and redirects.
func newFetcher(timeout time.Duration) *samlsource.Fetcher {
	return samlsource.NewFetcher(samlsource.FetcherOptions{Timeout: timeout, UserAgent: userAgent()})
}

// loadMetadata reads a metadata source (URL, file or -) the way every
// command does: the command's stdin, its fetcher, and one line naming what
// could not be read. label is how the message names the source ("" for
// check's SOURCE, "--metadata " for inspect). The error exits 2.
func loadMetadata(cmd *cobra.Command, fetcher *samlsource.Fetcher, source, label string) ([]byte, error) {
	data, err := samlsource.Load(cmd.Context(), source, samlsource.LoadOptions{Stdin: pasteInput(cmd, "the metadata XML"), Fetcher: fetcher})
	if err != nil {
		return nil, cannotRead(err, label, source, samlsource.IsURL(source))
	}
	return data, nil
}

// cannotRead is the one line of an input that could not be read or
// fetched: "cannot read LABEL SOURCE: REASON", of the kind --json names
// (too-large, fetch when fetched, else input). The error exits 2.
func cannotRead(err error, label, source string, fetched bool) error {
	kind := kindInput
	switch {
	case errors.Is(err, samlsource.ErrTooLarge):
		kind = kindTooLarge
	case fetched:
		kind = kindFetch
	}
	var se *samlsource.Error
	if errors.As(err, &se) {
		return kindError(kind, fmt.Errorf("cannot read %s%s", label, se.Error()))
	}
	return kindError(kind, fmt.Errorf("cannot read %s%s: %w", label, samlcheck.RedactURL(displayName(source)), err))
}

// readAdmins reads one e-mail a line; blank lines and # comments are skipped.
func readAdmins(ctx context.Context, path string) ([]string, error) {
	data, err := readFlagFile(ctx, "--admins", path, maxAdminsFileBytes, "a list of admins")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, line := range lines(data) {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out, nil
}

// readResponse reads RESPONSE (inspect) or --response (troubleshoot)
// through response.ReadCapture, the one reader of every input: at most
// MaxCaptureBytes, the cap of a browser capture (a bare response is capped
// lower, by the engine). label is how the message names the source, as
// loadMetadata's ("" for inspect's RESPONSE, "--response " for
// troubleshoot). The error exits 2.
func readResponse(cmd *cobra.Command, stdin io.Reader, source, label string) ([]byte, error) {
	data, err := response.ReadCapture(cmd.Context(), source, stdin)
	if err != nil {
		return nil, cannotRead(err, label, source, false)
	}
	return data, nil
}

// displayName names RESPONSE in messages.
func displayName(source string) string {
	if source == "-" {
		return "standard input"
	}
	return source
}

// readCertFiles reads every --cert file, in order.
func readCertFiles(ctx context.Context, paths []string) ([]*x509.Certificate, error) {
	var all []*x509.Certificate
	for _, path := range paths {
		certs, err := readCerts(ctx, path)
		if err != nil {
			return nil, err
		}
		all = append(all, certs...)
	}
	return all, nil
}

// readCerts reads a --cert file of PEM signing certificates.
func readCerts(ctx context.Context, path string) ([]*x509.Certificate, error) {
	data, err := readFlagFile(ctx, "--cert", path, maxCertFileBytes, "a certificate file")
	if err != nil {
		return nil, err
	}
	certs, err := samlcheck.ParseCertsPEM(data)
	if err != nil {
		return nil, fmt.Errorf("--cert %s: %w", path, err)
	}
	return certs, nil
}

// Caps on the small files given beside a response: read whole, they would
// otherwise cost any amount of memory (300 MB of --cert took 627 MB).
const (
	// maxCertFileBytes: a PEM certificate is about 2 KB.
	maxCertFileBytes = 1 << 20
	// maxAdminsFileBytes: one e-mail a line, tens of thousands of them.
	maxAdminsFileBytes = 1 << 20
)

// readFlagFile reads the file a flag names (never standard input: "-" is
// a file called "-"), at most limit bytes, and stops when ctx ends. The
// error is one line naming the flag, the file and why.
func readFlagFile(ctx context.Context, flag, path string, limit int64, what string) ([]byte, error) {
	p := path
	if p == "-" {
		p = "./-"
	}
	data, err := samlsource.ReadInput(ctx, p, nil, limit, what)
	if err != nil {
		var se *samlsource.Error
		if errors.As(err, &se) {
			return nil, fmt.Errorf("cannot read %s %s: %s", flag, path, se.Reason)
		}
		return nil, fmt.Errorf("cannot read %s %s: %w", flag, path, err)
	}
	return data, nil
}

// lines splits text into lines without bufio.Scanner's limit on a line's
// length (a file of one long line was "token too long").
func lines(data []byte) []string {
	return strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
}
