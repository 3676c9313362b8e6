package setup

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/tui/tuitest"
)

// A panic inside the wizard (here in the command that saves the session)
// leaves the terminal restored too, and Run says it crashed.
func TestWizardRestoresTheTerminalOnAPanic(t *testing.T) {
	p := tuitest.NewTTY(t)
	before := p.Modes()
	f := &fakes{}
	svc := f.services()
	svc.SaveSession = func(ssoconfig.Answers) error { panic("injected: the session could not be saved") }
	saved := os.Stderr
	devnull, _ := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	os.Stderr = devnull // Bubble Tea prints the caught panic here
	defer func() { os.Stderr = saved; devnull.Close() }()

	errc := make(chan error, 1)
	go func() {
		errc <- Run(context.Background(), Options{
			Services:       svc,
			Now:            func() time.Time { return testNow },
			ProgramOptions: []tea.ProgramOption{tea.WithInput(p.Slave), tea.WithOutput(p.Slave)},
		})
	}()
	p.WaitFor("Step 1 of 9")
	_, _ = p.Master.Write([]byte("\tacmecorp\r")) // to step 2: the session is saved
	select {
	case err := <-errc:
		if !errors.Is(err, ErrCrashed) {
			t.Fatalf("Run = %v, want ErrCrashed", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the wizard did not stop after the panic")
	}
	// Written after everything the program wrote, so read after it too.
	if _, err := p.Slave.Write([]byte("\r\nafter the wizard\r\n")); err != nil {
		t.Fatal(err)
	}
	p.WaitFor("after the wizard")
	p.AssertRestored(before)
}
