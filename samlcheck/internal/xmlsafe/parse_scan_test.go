package xmlsafe

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/beevik/etree"

	"github.com/jcsso/jcsso/internal/samltest"
	"github.com/jcsso/jcsso/samlcheck/internal/enginetest"
)

// treeDump writes every token of a tree with its kind, names, attributes
// and text flags, so two trees can be compared exactly.
func treeDump(b *strings.Builder, tok etree.Token, depth int) {
	pad := strings.Repeat(" ", depth)
	switch t := tok.(type) {
	case *etree.Element:
		fmt.Fprintf(b, "%sE %q %q\n", pad, t.Space, t.Tag)
		for _, a := range t.Attr {
			fmt.Fprintf(b, "%s @ %q %q %q\n", pad, a.Space, a.Key, a.Value)
		}
		for _, c := range t.Child {
			treeDump(b, c, depth+1)
		}
	case *etree.CharData:
		fmt.Fprintf(b, "%sT %q ws=%t cdata=%t\n", pad, t.Data, t.IsWhitespace(), t.IsCData())
	case *etree.Comment:
		fmt.Fprintf(b, "%sC %q\n", pad, t.Data)
	case *etree.ProcInst:
		fmt.Fprintf(b, "%sP %q %q\n", pad, t.Target, t.Inst)
	case *etree.Directive:
		fmt.Fprintf(b, "%sD %q\n", pad, t.Data)
	}
}

// sameTreeAsEtree checks that ParseXML built exactly the tree etree's own
// reader builds from the same bytes.
func sameTreeAsEtree(t *testing.T, name string, data []byte) {
	t.Helper()
	ours, err := ParseXML(data)
	if err != nil {
		return
	}
	theirs := etree.NewDocument()
	if err := theirs.ReadFromBytes(TrimBOM(data)); err != nil {
		t.Fatalf("%s: ParseXML accepted what etree refuses: %v", name, err)
	}
	var a, b strings.Builder
	treeDump(&a, &ours.Element, 0)
	treeDump(&b, &theirs.Element, 0)
	if a.String() != b.String() {
		t.Fatalf("%s: tree differs from etree's:\nours:\n%s\netree:\n%s", name, a.String(), b.String())
	}
	if ours.Root().Parent() != &ours.Element {
		t.Fatalf("%s: root's parent is not the document", name)
	}
}

// TestScanBuildsEtreesTree: the single-pass parse gives the tree etree
// would, on generated fixtures and on every file of the shared vectors.
func TestScanBuildsEtreesTree(t *testing.T) {
	kp := samltest.NewKeyPair(t, 0, samltest.CertOptions{Bits: 2048})
	for i, doc := range [][]byte{
		samltest.Metadata(kp, samltest.MetadataOptions{}),
		samltest.SignedMetadata(t, kp, samltest.MetadataOptions{}, samltest.SignOptions{}),
		[]byte("<?xml version=\"1.0\"?>\n<!-- c --><a xmlns=\"u\" xmlns:p=\"v\" p:x=\"1\" y='2'>\n <p:b><![CDATA[ <raw> ]]>t&amp;u</p:b>  <c/>\r\n</a>\n"),
	} {
		sameTreeAsEtree(t, fmt.Sprint("fixture ", i), doc)
	}
	dir, err := enginetest.FindVectors()
	if err != nil {
		t.Logf("only the fixtures compared: %v", err)
		return
	}
	n := 0
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, ".json") || strings.HasSuffix(path, ".md") || strings.HasSuffix(path, ".py") || strings.HasSuffix(path, ".pem") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err == nil {
			n++
			sameTreeAsEtree(t, path, data)
		}
		return nil
	})
	t.Logf("%d vector files compared", n)
}
