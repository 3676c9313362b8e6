package source

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

// A read of standard input that never ends returns as soon as the
// context ends, with an error that says so.
func TestReadInputStopsWhenCancelled(t *testing.T) {
	r, w := io.Pipe()
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	got := make(chan error, 1)
	go func() {
		_, err := Load(ctx, "-", LoadOptions{Stdin: r})
		got <- err
	}()
	if _, err := w.Write([]byte("<md:EntityDescriptor")); err != nil { // read, then nothing more
		t.Fatal(err)
	}
	cancel()
	select {
	case err := <-got:
		var se *Error
		if !errors.Is(err, context.Canceled) || !errors.As(err, &se) || !strings.Contains(se.Error(), "standard input: reading stopped") {
			t.Errorf("err = %v, want a Error wrapping context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the read did not stop when the context ended")
	}
}

func TestReadInputLimit(t *testing.T) {
	if _, err := ReadInput(context.Background(), "-", strings.NewReader("12345"), 4, "a test"); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "over the 4-byte limit for a test") {
		t.Errorf("5 bytes over a limit of 4: %v", err)
	}
	if data, err := ReadInput(context.Background(), "-", strings.NewReader("1234"), 4, "a test"); err != nil || string(data) != "1234" {
		t.Errorf("4 bytes at a limit of 4: %q, %v", data, err)
	}
}
