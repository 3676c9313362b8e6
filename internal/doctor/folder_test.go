package doctor_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/doctor"
	"github.com/jcsso/jcsso/internal/doctor/doctortest"
	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck"
)

// Expiry by the real NotAfter against JumpCloud's reminders: on each
// reminder day (60, 30, 7 days, 24 hours before) the configuration needs
// action with cert.expiring naming its days left; at 61 days it is
// healthy; past NotAfter it is cert.expired, another finding.
func TestRunExpiryAtEachReminderDay(t *testing.T) {
	day := 24 * time.Hour
	dir := t.TempDir()
	cases := []struct {
		org    string
		left   time.Duration
		status doctor.Status
		id     string
		say    string
	}{
		{"d061", 61 * day, doctor.StatusHealthy, "", ""},
		{"d060", 60 * day, doctor.StatusAction, samlcheck.IDCertExpiring, "in 60 days"},
		{"d030", 30 * day, doctor.StatusAction, samlcheck.IDCertExpiring, "in 30 days"},
		{"d007", 7 * day, doctor.StatusAction, samlcheck.IDCertExpiring, "in 7 days"},
		{"d001", day, doctor.StatusAction, samlcheck.IDCertExpiring, "in 24 hours"},
		{"d000", -time.Hour, doctor.StatusAction, samlcheck.IDCertExpired, "expired on"},
	}
	for i, tc := range cases {
		kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048, NotBefore: testNow.AddDate(-3, 0, i), NotAfter: testNow.Add(tc.left)})
		// Written a year ago, when the certificate was fine.
		doctortest.WriteConfig(t, dir, tc.org, doctortest.Metadata(kp, tc.org, samltest.MetadataOptions{}), "", testNow.AddDate(-1, 0, 0))
	}
	results := runAll(t, []string{dir}, doctor.Options{Now: testNow, Offline: true})
	if len(results) != len(cases) {
		t.Fatalf("%d results", len(results))
	}
	// Lexical order: d000 first.
	byOrg := map[string]doctor.Result{}
	for _, r := range results {
		byOrg[r.Organization] = r
	}
	for _, tc := range cases {
		r := byOrg[tc.org]
		if r.Status != tc.status {
			t.Errorf("%s: %s, want %s: %+v", tc.org, r.Status, tc.status, r.Findings)
		}
		if r.Cert == nil || !r.Cert.NotAfter.Equal(testNow.Add(tc.left).Truncate(time.Second)) {
			t.Errorf("%s: certificate %+v, want NotAfter %s", tc.org, r.Cert, testNow.Add(tc.left))
		}
		if tc.id == "" {
			continue
		}
		if f := findingOf(t, r, tc.id); !strings.Contains(f.Message, tc.say) {
			t.Errorf("%s: %s says %q, want %q", tc.org, tc.id, f.Message, tc.say)
		}
	}
}

// A folder of good, drifted and unreadable configurations, with what the
// search must leave alone: every configuration at any depth in lexical
// order, one result each; a broken file, a configuration whose saved
// metadata is gone and a folder holding none are unreadable with their
// reason; a missing PATH too; a hidden folder (a killed setup's leftovers)
// and a symbolic link to a folder are not searched; a named pipe with a
// configuration's name is refused, not opened; a file given by path is
// taken whatever its name.
func TestRunFolderOfMixedConfigurations(t *testing.T) {
	savedKP, nextKP := keys(t)
	srv := doctortest.NewServer(t)
	root := t.TempDir()
	customers := filepath.Join(root, "customers")
	good := doctortest.WriteConfig(t, filepath.Join(customers, "eu"), "acme", doctortest.Metadata(savedKP, "acme", samltest.MetadataOptions{}), srv.URL("/acme"), testNow)
	srv.Serve("/acme", doctortest.Metadata(savedKP, "acme", samltest.MetadataOptions{}))
	drifted := doctortest.WriteConfig(t, filepath.Join(customers, "us", "west"), "beta", doctortest.Metadata(savedKP, "beta", samltest.MetadataOptions{}), srv.URL("/beta"), testNow)
	srv.Serve("/beta", doctortest.Metadata(nextKP, "beta", samltest.MetadataOptions{}))

	broken := filepath.Join(customers, "eu", "jcsso-broken", ssoconfig.ConfigYAML)
	mustWrite(t, broken, "version: 7\n")
	noMetadata := doctortest.WriteConfig(t, filepath.Join(customers, "us"), "gamma", doctortest.Metadata(savedKP, "gamma", samltest.MetadataOptions{}), "", testNow)
	if err := os.Remove(filepath.Join(filepath.Dir(noMetadata), ssoconfig.MetadataFile)); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(root, "empty")
	if err := os.MkdirAll(empty, 0o700); err != nil {
		t.Fatal(err)
	}
	// Not searched: a hidden copy beside a folder, and a link to a folder.
	mustWrite(t, filepath.Join(customers, ".jcsso-acme.jcsso-old-1", ssoconfig.ConfigYAML), "version: 7\n")
	if err := os.Symlink(filepath.Join(customers, "eu"), filepath.Join(customers, "zz-link")); err != nil {
		t.Fatal(err)
	}
	renamed := filepath.Join(root, "acme-prod.yaml")
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	mustWrite(t, renamed, strings.Replace(string(data), "metadata_file: idp-metadata.xml", "metadata_file: "+filepath.Join(filepath.Dir(good), ssoconfig.MetadataFile), 1))
	missing := filepath.Join(root, "no-such-folder")
	// A named pipe with a configuration's name: refused, never opened
	// (a read of it would wait for a writer for ever).
	fifo := filepath.Join(customers, "us", "jcsso-pipe", ssoconfig.ConfigYAML)
	if err := os.MkdirAll(filepath.Dir(fifo), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}

	results := runAll(t, []string{customers, empty, missing, renamed}, doctor.Options{Fetcher: srv.Fetcher(5 * time.Second), Now: testNow})
	want := []struct {
		path   string
		status doctor.Status
		say    string
	}{
		{good, doctor.StatusHealthy, ""},
		{broken, doctor.StatusUnreadable, "version 7 is newer than this jcsso reads"},
		{noMetadata, doctor.StatusUnreadable, "the saved metadata: " + filepath.Join(filepath.Dir(noMetadata), ssoconfig.MetadataFile) + ": no such file"},
		{fifo, doctor.StatusUnreadable, "not a regular file"},
		{drifted, doctor.StatusAction, ""},
		{empty, doctor.StatusUnreadable, doctor.ErrNoConfigs.Error()},
		{missing, doctor.StatusUnreadable, "no such file"},
		{renamed, doctor.StatusHealthy, ""},
	}
	if len(results) != len(want) {
		for _, r := range results {
			t.Logf("%s %s %v", r.Config, r.Status, r.Err)
		}
		t.Fatalf("%d results, want %d", len(results), len(want))
	}
	for i, w := range want {
		r := results[i]
		if r.Config != w.path || r.Status != w.status {
			t.Errorf("result %d: %s %s (%v), want %s %s", i, r.Config, r.Status, r.Err, w.path, w.status)
			continue
		}
		if w.say != "" && (r.Err == nil || !strings.Contains(r.Reason(), w.say)) {
			t.Errorf("%s: error %q, want it to say %q", r.Config, r.Reason(), w.say)
		}
	}
	for _, r := range results {
		if r.Config == empty && !errors.Is(r.Err, doctor.ErrNoConfigs) {
			t.Errorf("the empty folder's error is not ErrNoConfigs: %v", r.Err)
		}
	}
}

func mustWrite(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
