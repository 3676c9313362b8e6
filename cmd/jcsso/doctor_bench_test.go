package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/jcsso/jcsso/internal/doctor/doctortest"
	"github.com/jcsso/jcsso/internal/samltest"
)

// BenchmarkDoctorVersusCheckLoop is issue 14's comparison, as processes:
// the built binary's `jcsso doctor` over 1,000 saved configurations
// (JumpCloud-shaped, RSA-4096, written by ssoconfig's writer), each fetched
// from a local TLS metadata server and compared (target: under 10 s on
// the project's 2-vCPU machine), and beside it, in the same run, what a
// team would script otherwise: a loop of 1,000 `jcsso check --config CFG
// URL` processes over the same configurations and URLs, one after the
// other. It reports both times, their ratio (loop / doctor), and each
// one's peak resident memory (the kernel's maxrss of the doctor process;
// the largest of the check processes'). Run it with -benchtime 1x: one
// iteration takes about a minute, most of it the loop.
func BenchmarkDoctorVersusCheckLoop(b *testing.B) {
	bin := buildBinary(b) // skipped with -short
	now, err := time.Parse(time.RFC3339, testNow)
	if err != nil {
		b.Fatal(err)
	}
	srv := doctortest.NewServer(b)
	dir := b.TempDir()
	kp := samltest.NewKeyPair(b, 0, samltest.CertOptions{})
	const n = 1000
	type target struct{ config, url string }
	targets := make([]target, 0, n)
	for i := range n {
		org := fmt.Sprintf("org-%04d", i)
		md := doctortest.Metadata(kp, org, samltest.MetadataOptions{})
		url := srv.URL("/" + org + "/metadata.xml")
		targets = append(targets, target{doctortest.WriteConfig(b, dir, org, md, url, now), url})
		srv.Serve("/"+org+"/metadata.xml", md)
	}
	env := append(os.Environ(), "SSL_CERT_FILE="+srv.CertFile(b, b.TempDir()), "NO_COLOR=1")
	run := func(args ...string) (time.Duration, int64) {
		cmd := exec.Command(bin, args...)
		cmd.Env, cmd.Stdout, cmd.Stderr = env, io.Discard, os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			b.Fatalf("%v: %v", args, err)
		}
		return time.Since(start), cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss
	}

	var doctorTime, loopTime time.Duration
	var doctorRSS, checkRSS int64
	for b.Loop() {
		d, rss := run("doctor", dir, "--now", testNow, "--json")
		doctorTime += d
		doctorRSS = max(doctorRSS, rss)
		start := time.Now()
		for _, tg := range targets {
			_, rss := run("check", "--config", tg.config, tg.url, "--now", testNow)
			checkRSS = max(checkRSS, rss)
		}
		loopTime += time.Since(start)
	}
	iters := float64(b.N)
	b.ReportMetric(doctorTime.Seconds()/iters, "doctor-s")
	b.ReportMetric(float64(doctorRSS)/1024, "doctor-peak-RSS-MB")
	b.ReportMetric(loopTime.Seconds()/iters, "check-loop-s")
	b.ReportMetric(float64(checkRSS)/1024, "check-peak-RSS-MB")
	b.ReportMetric(loopTime.Seconds()/doctorTime.Seconds(), "loop/doctor")
}
