package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jcsso/jcsso/samlcheck"
)

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
	data, err := samlcheck.ReadInput(ctx, p, nil, limit, what)
	if err != nil {
		var se *samlcheck.SourceError
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
