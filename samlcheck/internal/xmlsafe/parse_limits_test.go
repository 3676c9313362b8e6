package xmlsafe

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/beevik/etree"
	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck/internal/enginetest"
)

// An element of a hundred thousand attributes (or namespace declarations)
// used to take half a minute, two comparisons of every pair of names; it
// is now refused like deep nesting, at once.
func TestParseRefusesTooManyAttributes(t *testing.T) {
	for _, ns := range []bool{false, true} {
		doc := samltest.AttrBombMetadata(t, 100_000, ns)
		var err error
		enginetest.WithinDeadline(t, 10*time.Second, fmt.Sprintf("ParseXML of 100,000 attributes (ns %t)", ns), func() {
			_, err = ParseXML(doc)
		})
		if !errors.Is(err, ErrUnsafeXML) || !strings.Contains(err.Error(), "100002 attributes (namespace declarations included), over the limit of 256") {
			t.Errorf("ns %t: err = %v, want the attribute limit", ns, err)
		}
	}
}

// The costliest document under the cap (every element at MaxXMLAttrs, up
// to MaxInputBytes) is parsed in well under a second here; the bound is
// generous so that only a return of quadratic work fails it.
func TestParseFullElementsIsBounded(t *testing.T) {
	for _, ns := range []bool{false, true} {
		doc := samltest.FullElementsMetadata(t, MaxInputBytes, MaxXMLAttrs, ns)
		enginetest.WithinDeadline(t, 10*time.Second, fmt.Sprintf("ParseXML of elements of %d attributes (ns %t)", MaxXMLAttrs, ns), func() {
			if _, err := ParseXML(doc); err != nil {
				t.Errorf("ns %t: %v", ns, err)
			}
		})
	}
}

func TestParseAttributeLimitEdge(t *testing.T) {
	el := func(n int) []byte {
		var b strings.Builder
		b.WriteString("<a")
		for i := range n {
			fmt.Fprintf(&b, ` x%d="v"`, i)
		}
		b.WriteString("/>")
		return []byte(b.String())
	}
	doc, err := ParseXML(el(MaxXMLAttrs))
	if err != nil {
		t.Fatalf("%d attributes: %v", MaxXMLAttrs, err)
	}
	if got := len(doc.Root().Attr); got != MaxXMLAttrs {
		t.Errorf("root has %d attributes, want %d", got, MaxXMLAttrs)
	}
	if _, err := ParseXML(el(MaxXMLAttrs + 1)); err == nil || !strings.Contains(err.Error(), "over the limit of 256") {
		t.Errorf("%d attributes: err = %v, want the limit", MaxXMLAttrs+1, err)
	}
	// A repeat far down a long list is found (the set, not the pairs).
	long := strings.Replace(string(el(200)), `x199="v"`, `x3="w"`, 1)
	if _, err := ParseXML([]byte(long)); err == nil || !strings.Contains(err.Error(), "the attribute x3 twice") {
		t.Errorf("repeat among 200: err = %v", err)
	}
}

// A UTF-16 document is named as UTF-16, whichever byte order and with or
// without a byte order mark, not "invalid UTF-8".
func TestParseNamesUTF16(t *testing.T) {
	text := `<?xml version="1.0" encoding="UTF-16"?>` + "\n" + `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>`
	enc := func(bigEndian, bom bool) []byte {
		u := utf16.Encode([]rune(text))
		if bom {
			u = append([]uint16{0xFEFF}, u...)
		}
		out := make([]byte, 0, 2*len(u))
		for _, c := range u {
			if bigEndian {
				out = append(out, byte(c>>8), byte(c))
			} else {
				out = append(out, byte(c), byte(c>>8))
			}
		}
		return out
	}
	for _, tc := range []struct {
		be, bom bool
		want    string
	}{
		{false, true, "UTF-16 (little-endian, with a byte order mark)"},
		{true, true, "UTF-16 (big-endian, with a byte order mark)"},
		{false, false, "UTF-16 (little-endian)"},
		{true, false, "UTF-16 (big-endian)"},
	} {
		_, err := ParseXML(enc(tc.be, tc.bom))
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "SAML documents are UTF-8") {
			t.Errorf("be %t bom %t: err = %v, want %q", tc.be, tc.bom, err, tc.want)
		}
	}
}

// A cancelled context stops the parse and says so, distinguishable from
// bad input.
func TestParseStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ParseXMLContext(ctx, samltest.FullElementsMetadata(t, 1<<20, MaxXMLAttrs, false))
	if !errors.Is(err, context.Canceled) || !errors.Is(err, ErrUnsafeXML) {
		t.Fatalf("err = %v, want it to wrap context.Canceled and ErrUnsafeXML", err)
	}
}

// FuzzAttributeLimits builds one element of n attributes (namespace
// declarations when ns), one of them optionally repeating an earlier
// name, and holds the parser to the limits: more than MaxXMLAttrs is
// refused by the limit, a repeat by its name, anything else is accepted
// with every attribute in order.
func FuzzAttributeLimits(f *testing.F) {
	f.Add(uint16(3), uint16(0), false)
	f.Add(uint16(MaxXMLAttrs), uint16(0), true)
	f.Add(uint16(MaxXMLAttrs+1), uint16(0), false)
	f.Add(uint16(40), uint16(39), false)
	f.Add(uint16(9), uint16(5), true)
	f.Fuzz(func(t *testing.T, n, dup uint16, ns bool) {
		n %= 2 * MaxXMLAttrs
		name := func(i int) string {
			if ns {
				return fmt.Sprintf("xmlns:p%d", i)
			}
			return fmt.Sprintf("a%d", i)
		}
		var b strings.Builder
		b.WriteString("<r")
		repeated := ""
		for i := range int(n) {
			nm := name(i)
			if dup > 0 && int(dup) == i && i > 0 {
				nm = name(i / 2)
				repeated = nm
			}
			fmt.Fprintf(&b, ` %s="u%d"`, nm, i)
		}
		b.WriteString("/>")
		doc, err := ParseXML([]byte(b.String()))
		switch {
		case int(n) > MaxXMLAttrs:
			if err == nil || !strings.Contains(err.Error(), "over the limit of") {
				t.Fatalf("%d attributes: err = %v, want the limit", n, err)
			}
		case repeated != "":
			if err == nil || !strings.Contains(err.Error(), "the attribute "+repeated+" twice") {
				t.Fatalf("repeat of %s: err = %v", repeated, err)
			}
		case err != nil:
			t.Fatalf("%d attributes: %v", n, err)
		default:
			attrs := doc.Root().Attr
			if len(attrs) != int(n) {
				t.Fatalf("%d attributes parsed, want %d", len(attrs), n)
			}
			for i, a := range attrs {
				if got := a.FullKey(); got != name(i) || a.Value != fmt.Sprintf("u%d", i) || a.Element() != doc.Root() {
					t.Fatalf("attribute %d = %q=%q (element %p), want %s", i, got, a.Value, a.Element(), name(i))
				}
			}
			sameAsEtree(t, b.String())
		}
	})
}

// sameAsEtree checks an accepted input gives etree's own tree.
func sameAsEtree(t *testing.T, s string) {
	t.Helper()
	theirs := etree.NewDocument()
	if err := theirs.ReadFromString(s); err != nil {
		t.Fatalf("etree refuses what ParseXML accepted: %v", err)
	}
	sameTreeAsEtree(t, "fuzz input", []byte(s))
}

// FuzzParseXML: any input gives a document with a root, or an error that
// wraps ErrUnsafeXML; never a panic or a hang. An accepted input gives
// exactly the tree etree's own reader builds.
func FuzzParseXML(f *testing.F) {
	for _, s := range samltest.MetadataSeeds(f, MaxXMLAttrs) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ParseXML(data)
		switch {
		case err != nil && !errors.Is(err, ErrUnsafeXML):
			t.Fatalf("error %v does not wrap ErrUnsafeXML", err)
		case err == nil && (doc == nil || doc.Root() == nil):
			t.Fatal("no error and no root")
		}
		sameTreeAsEtree(t, "input", data)
	})
}
