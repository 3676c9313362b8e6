package archtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
)

// Load runs `go list -deps -json ./...` in the module at dir and returns
// the module's path and every package listed, each module package with its
// sources read.
func Load(dir string) (module string, pkgs []Package, err error) {
	cmd := exec.Command("go", "list", "-deps", "-json", "./...")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", nil, fmt.Errorf("go list: %w: %s", err, stderr.String())
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p struct {
			Package
			Module *struct {
				Path string
				Main bool
			}
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return "", nil, fmt.Errorf("read go list output: %w", err)
		}
		if p.Module != nil && p.Module.Main {
			module = p.Module.Path
			p.Sources = map[string][]byte{}
			for _, name := range p.GoFiles {
				src, err := os.ReadFile(filepath.Join(p.Dir, name))
				if err != nil {
					return "", nil, err
				}
				p.Sources[name] = src
			}
		}
		pkgs = append(pkgs, p.Package)
	}
	if module == "" {
		return "", nil, errors.New("go list named no package of the main module")
	}
	return module, pkgs, nil
}
