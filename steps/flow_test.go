package steps

import (
	"testing"

	"github.com/jcsso/jcsso/profile"
)

func TestDebugScreens(t *testing.T) {
	f := &fakes{metadata: jumpcloudMetadata(t, "jumpcloud-acmecorp")}
	h := newHarness(t, Options{Services: f.services()})
	t.Log("\n" + h.screen())
	h.key("down")
	h.key("tab")
	h.typeText("acmecorp.com")
	t.Log("\n" + h.screen())
	h.key("enter")
	t.Log("\n" + h.screen())
	_ = profile.Builtins
}
