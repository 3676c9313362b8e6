//go:build !linux && !darwin

package ssoconfig

// exchange is not available here: folders are swapped with two renames.
func exchange(a, b string) error { return errNoExchange }
