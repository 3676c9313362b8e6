package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/doctor/doctortest"
	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck"
)

// doctorNow is testNow as a time.
func doctorNow(t *testing.T) time.Time {
	t.Helper()
	now, err := time.Parse(time.RFC3339, testNow)
	if err != nil {
		t.Fatal(err)
	}
	return now
}

// expiringFleet writes, into a new folder, one Vome configuration (no
// metadata URL saved) per org whose certificate has left to live at
// testNow; each was written a year before, when the certificate was fine.
func expiringFleet(t *testing.T, left map[string]time.Duration) string {
	t.Helper()
	now := doctorNow(t)
	dir := t.TempDir()
	i := 0
	for org, l := range left {
		kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048, NotBefore: now.AddDate(-3, 0, i), NotAfter: now.Add(l)})
		doctortest.WriteConfig(t, dir, org, doctortest.Metadata(kp, org, samltest.MetadataOptions{}), "", now.AddDate(-1, 0, 0))
		i++
	}
	return dir
}

// The table and the details as a user reads them, offline: one row per
// configuration in the order found, an expiring certificate at each of
// JumpCloud's reminder days needing action with its days left (in the
// table and in the details, which name the reminder), one with 61 days
// healthy, the count line, exit 1.
func TestDoctorTableAtEachReminderDay(t *testing.T) {
	day := 24 * time.Hour
	dir := expiringFleet(t, map[string]time.Duration{"a61": 61 * day, "b60": 60 * day, "c30": 30 * day, "d07": 7 * day, "e01": day})
	code, out, errOut := runCmd(t, "", "doctor", dir, "--now", testNow)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, out, errOut)
	}
	lines := strings.Split(out, "\n")
	if !strings.HasPrefix(lines[0], "STATUS       ORGANISATION  SP          CERT EXPIRES     WHAT CHANGED") {
		t.Errorf("header %q", lines[0])
	}
	for i, want := range []string{
		"✓ healthy    a61           Vome        2026-05-04 61d   nothing (no URL saved)",
		"! action     b60           Vome        2026-05-03 60d   cert expiring",
		"! action     c30           Vome        2026-04-03 30d   cert expiring",
		"! action     d07           Vome        2026-03-11 7d    cert expiring",
		"! action     e01           Vome        2026-03-05 24h   cert expiring",
	} {
		if lines[1+i] != want {
			t.Errorf("row %d:\n got %q\nwant %q", i+1, lines[1+i], want)
		}
	}
	for _, want := range []string{
		"b60 · Vome: needs action", "in 60 days; expected more than 60 days left (past JumpCloud's 60-day expiry reminder)",
		"in 7 days; expected more than 60 days left (past JumpCloud's 7-day expiry reminder)",
		"in 24 hours; expected more than 60 days left (past JumpCloud's last expiry reminder, 24 hours before)",
		"fix: Plan the rotation", "Certificate: expires 2026-03-11, in 7 days, SHA-256 ",
		"5 configurations checked: 1 healthy, 4 need action",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "a61 · Vome") {
		t.Errorf("a healthy configuration has details:\n%s", out)
	}
	// --warn-days 7: the 30- and 60-day ones are fine.
	if code, out, _ := runCmd(t, "", "doctor", dir, "--now", testNow, "--warn-days", "7"); code != 1 || strings.Count(out, "cert expiring") != 2 {
		t.Errorf("--warn-days 7: exit %d\n%s", code, out)
	}
}

// --json is one object per configuration per line, with config, status
// and findings (never null), the certificate with its days left, and for
// an unreadable one its reason; exit 2 when one is unreadable.
func TestDoctorJSONLines(t *testing.T) {
	dir := expiringFleet(t, map[string]time.Duration{"acme": 400 * 24 * time.Hour, "beta": 3 * 24 * time.Hour})
	broken := filepath.Join(dir, "jcsso-zeta", ssoconfig.ConfigYAML)
	if err := os.MkdirAll(filepath.Dir(broken), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(broken, []byte("version: 1\nprofile: avoma\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCmd(t, "", "doctor", dir, "--now", testNow, "--json")
	if code != 2 || errOut != "" {
		t.Fatalf("exit %d, want 2; stderr %q", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines, want one per configuration:\n%s", len(lines), out)
	}
	type line struct {
		Config      string             `json:"config"`
		Status      string             `json:"status"`
		Findings    samlcheck.Findings `json:"findings"`
		Certificate *struct {
			NotAfter time.Time `json:"not_after"`
			DaysLeft int       `json:"days_left"`
		} `json:"certificate"`
		Error string `json:"error"`
	}
	var got []line
	for _, l := range lines {
		var v line
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("not one JSON object a line: %v\n%s", err, l)
		}
		if !strings.Contains(l, `"findings":[`) {
			t.Errorf("findings missing or null: %s", l)
		}
		got = append(got, v)
	}
	if got[0].Status != "healthy" || got[0].Certificate == nil || got[0].Certificate.DaysLeft != 400 {
		t.Errorf("healthy line %+v", got[0])
	}
	if got[1].Status != "action" || len(got[1].Findings.ByID(samlcheck.IDCertExpiring)) != 1 || got[1].Certificate.DaysLeft != 3 {
		t.Errorf("expiring line %+v", got[1])
	}
	if got[2].Status != "unreadable" || got[2].Config != broken || !strings.Contains(got[2].Error, "organization is missing") || got[2].Certificate != nil {
		t.Errorf("unreadable line %+v", got[2])
	}
}

// Exit statuses: 0 when every configuration is healthy, 1 when one needs
// action, 2 when one is unreadable (whatever the others), and 2 with one
// line (or one JSON object) for bad usage.
func TestDoctorExitStatuses(t *testing.T) {
	day := 24 * time.Hour
	healthy := expiringFleet(t, map[string]time.Duration{"acme": 400 * day, "beta": 500 * day})
	action := expiringFleet(t, map[string]time.Duration{"acme": 400 * day, "beta": 5 * day})
	missing := filepath.Join(t.TempDir(), "no-such-folder")
	for _, tc := range []struct {
		name string
		args []string
		code int
		say  string
	}{
		{"all healthy", []string{healthy}, 0, "2 configurations checked: 2 healthy"},
		{"one needs action", []string{action}, 1, "1 need action"},
		{"one unreadable", []string{action, missing}, 2, "no-such-folder: no such file"},
		{"an empty folder", []string{t.TempDir()}, 2, "no sso-config.yaml or sso-config.json found in this folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, "", append([]string{"doctor", "--now", testNow}, tc.args...)...)
			if code != tc.code || !strings.Contains(out, tc.say) {
				t.Errorf("exit %d, want %d with %q\n%s%s", code, tc.code, tc.say, out, errOut)
			}
		})
	}
	for _, tc := range []struct {
		args []string
		say  string
	}{
		{[]string{"doctor"}, "jcsso doctor needs PATH"},
		{[]string{"doctor", healthy, "--parallel", "0"}, "--parallel must be 1 to 64, got 0"},
		{[]string{"doctor", healthy, "--parallel", "65"}, "--parallel must be 1 to 64, got 65"},
		{[]string{"doctor", healthy, "--warn-days", "-1"}, "--warn-days must be 0 or more, got -1"},
		{[]string{"doctor", healthy, "--metrics", filepath.Join(missing, "x.prom")}, "the folder " + missing + " does not exist"},
		{[]string{"doctor", healthy, "--metrics", healthy}, "is a folder; give a file name"},
	} {
		code, out, errOut := runCmd(t, "", tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.say) || out != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want 2 and %q", strings.Join(tc.args, " "), code, out, errOut, tc.say)
		}
		code, out, _ = runCmd(t, "", append(tc.args, "--json")...)
		var je jsonError
		if err := json.Unmarshal([]byte(out), &je); code != 2 || err != nil || je.Error.Kind != kindUsage || !strings.Contains(je.Error.Message, tc.say) {
			t.Errorf("%s --json: exit %d, %q", strings.Join(tc.args, " "), code, out)
		}
	}
}

// A folder of many configurations reports each one once, in order, with
// nothing held back: the count line says them all.
func TestDoctorManyConfigurations(t *testing.T) {
	now := doctorNow(t)
	dir := t.TempDir()
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048})
	const n = 40
	for i := range n {
		org := fmt.Sprintf("org-%02d", i)
		doctortest.WriteConfig(t, dir, org, doctortest.Metadata(kp, org, samltest.MetadataOptions{}), "", now)
	}
	code, out, _ := runCmd(t, "", "doctor", dir, "--now", testNow, "--parallel", "3")
	if code != 0 || !strings.Contains(out, fmt.Sprintf("%d configurations checked: %d healthy", n, n)) {
		t.Fatalf("exit %d\n%s", code, out)
	}
	last := -1
	for i := range n {
		at := strings.Index(out, fmt.Sprintf(" org-%02d ", i))
		if at < last {
			t.Fatalf("org-%02d out of order", i)
		}
		last = at
	}
}
