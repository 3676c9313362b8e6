package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/jcsso/jcsso/samlcheck"
)

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
		return nil, inputError(fmt.Errorf("cannot read %s%s: %w", label, samlcheck.RedactURL(source), err))
	}
	return data, nil
}
