package main

import (
	"bufio"
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/jcsso/jcsso/internal/userpath"
	"github.com/jcsso/jcsso/samlcheck"
)

// pathFlags are the flags of any command that name a file or a folder (some
// take a URL or - as well, which userpath.Clean leaves alone).
var pathFlags = []string{"metadata", "out", "profile", "config", "cert", "admins", "tls-cert"}

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

// loadMetadata reads a metadata source (URL, file or -) the way every
// command does: the command's stdin, the versioned User-Agent, and one line
// naming what could not be read. label is how the message names the source
// ("" for check's SOURCE, "--metadata " for inspect). The error exits 2.
func loadMetadata(cmd *cobra.Command, source, label string, timeout time.Duration) ([]byte, error) {
	data, err := samlcheck.LoadSource(cmd.Context(), source, samlcheck.LoadOptions{
		Timeout:   timeout,
		Stdin:     cmd.InOrStdin(),
		UserAgent: userAgent(),
	})
	if err != nil {
		var se *samlcheck.SourceError
		if errors.As(err, &se) {
			return nil, inputError(fmt.Errorf("cannot read %s%s", label, se.Error()))
		}
		return nil, inputError(fmt.Errorf("cannot read %s%s: %w", label, source, err))
	}
	return data, nil
}

// readAdmins reads one e-mail a line; blank lines and # comments are skipped.
func readAdmins(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read --admins %s: %w", path, unwrapPathError(err))
	}
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("--admins %s: %w", path, err)
	}
	return out, nil
}

// readResponse reads RESPONSE, at most one byte past what any encoding of
// an acceptable response needs, so an oversized input is reported by the
// engine (response.decode) without being read whole.
func readResponse(stdin io.Reader, source string) ([]byte, error) {
	var r io.Reader
	name := source
	if source == "-" {
		r, name = stdin, "standard input"
	} else {
		fh, err := os.Open(source)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", source, unwrapPathError(err))
		}
		defer fh.Close()
		if st, err := fh.Stat(); err == nil && st.IsDir() {
			return nil, fmt.Errorf("cannot read %s: it is a directory", source)
		}
		r = fh
	}
	data, err := io.ReadAll(io.LimitReader(r, samlcheck.MaxEncodedResponseBytes+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", name, err)
	}
	return data, nil
}

// unwrapPathError drops the operation and path os adds ("open x: "), which
// the caller's message already names.
func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readCerts reads a --cert file of PEM signing certificates.
func readCerts(path string) ([]*x509.Certificate, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read --cert %s: %w", path, unwrapPathError(err))
	}
	certs, err := samlcheck.ParseCertsPEM(data)
	if err != nil {
		return nil, fmt.Errorf("--cert %s: %w", path, err)
	}
	return certs, nil
}
