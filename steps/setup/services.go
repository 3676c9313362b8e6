package setup

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/atotto/clipboard"

	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck/metadata"
	"github.com/jcsso/jcsso/samlcheck/source"
	"github.com/jcsso/jcsso/steps/logintest"
)

// Services are everything the wizard does outside its own memory: loading
// and checking metadata, building and writing the bundle, the session file,
// the clipboard. The wizard only calls them inside tea.Cmds, and tests
// replace them with fakes. A nil field means the real implementation.
type Services struct {
	Load            func(ctx context.Context, source string, opts source.LoadOptions) ([]byte, error)
	Check           func(data []byte, opts metadata.Options) *metadata.Report
	MetadataOptions func(p *profile.Profile, a ssoconfig.Answers, now time.Time) metadata.Options
	SPValues        func(p *profile.Profile, a ssoconfig.Answers) (string, []string)
	// WriteSetup builds and writes the folder: the same call `setup --yes` makes.
	WriteSetup   func(ctx context.Context, p *profile.Profile, a ssoconfig.Answers, metadata []byte, rep *metadata.Report, now time.Time, opts ssoconfig.WriteOptions) (*ssoconfig.Written, error)
	SaveSession  func(a ssoconfig.Answers) error
	LoadSession  func() (ssoconfig.Answers, error)
	ClearSession func() error
	Clipboard    func(text string) error
	// PickerDir returns the folder the file picker starts in.
	PickerDir func() string
	// SaveApp, when set, is told the SSO tab's values as the admin leaves
	// that step, where the program plays the IdP too (jcsso demo's test
	// IdP is configured with them); it answers with what JumpCloud's
	// console would then show: the Metadata URL, and a note.
	SaveApp func(ctx context.Context, p *profile.Profile, a ssoconfig.Answers) (AppSaved, error)
	// LiveTest are the live login step's services: listening (acs by
	// default), the browser opener (none by default: no o), and the
	// demo's own ACS URL and scripted sign-in.
	LiveTest logintest.Services
}

// AppSaved is what saving the SSO tab gave (Services.SaveApp).
type AppSaved struct {
	// MetadataURL is the app's Copy Metadata URL value; it waits in the
	// import's field.
	MetadataURL string
	// Note is said in the status line.
	Note string
}

// withDefaults fills every nil field with the real implementation.
func (s Services) withDefaults() Services {
	if s.Load == nil {
		s.Load = source.Load
	}
	if s.Check == nil {
		s.Check = metadata.Check
	}
	if s.MetadataOptions == nil {
		s.MetadataOptions = ssoconfig.MetadataOptions
	}
	if s.SPValues == nil {
		s.SPValues = ssoconfig.SPValues
	}
	if s.WriteSetup == nil {
		s.WriteSetup = ssoconfig.WriteSetup
	}
	if s.SaveSession == nil {
		s.SaveSession = func(a ssoconfig.Answers) error {
			p, err := ssoconfig.SessionPath()
			if err != nil {
				return err
			}
			return ssoconfig.SaveSession(p, a)
		}
	}
	if s.LoadSession == nil {
		s.LoadSession = func() (ssoconfig.Answers, error) {
			p, err := ssoconfig.SessionPath()
			if err != nil {
				return ssoconfig.Answers{}, err
			}
			return ssoconfig.LoadSession(p)
		}
	}
	if s.ClearSession == nil {
		s.ClearSession = func() error {
			p, err := ssoconfig.SessionPath()
			if err != nil {
				return err
			}
			return ssoconfig.ClearSession(p)
		}
	}
	if s.Clipboard == nil {
		s.Clipboard = clipboard.WriteAll
	}
	if s.PickerDir == nil {
		s.PickerDir = DownloadsDir
	}
	return s
}

// DownloadsDir is ~/Downloads when it exists (where browsers save
// JumpCloud's exported metadata), else the current folder.
func DownloadsDir() string {
	if home, err := os.UserHomeDir(); err == nil {
		d := filepath.Join(home, "Downloads")
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			return d
		}
	}
	if wd, err := os.Getwd(); err == nil {
		return wd
	}
	return "."
}
