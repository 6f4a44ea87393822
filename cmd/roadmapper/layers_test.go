package main

import (
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/roadmapper/roadmapper/"

// layers is the import order of the module's packages, lowest first. A
// package may import only packages of lower layers: front ends use the
// application core, which uses the domain packages, which share the
// roadmap types. A new package must be placed here.
var layers = [][]string{
	// types, rules on text, files and embedded assets
	{"internal/roadmap", "internal/tomlpos", "internal/tomlsafe", "internal/plaintext", "internal/mdlink", "internal/fileout", "assets", "templates"},
	// configuration, parsers, one package per outside thing, pure judging
	{"config", "crawler/extract", "internal/rank", "internal/github", "internal/logo", "internal/store", "internal/audit"},
	// collecting and curating built on those; the output formats
	{"crawler", "internal/curation", "internal/output"},
	// rendering and discovering
	{"internal/report", "brochure", "internal/discover"},
	// the use cases every front end shares
	{"internal/app"},
	// the web front end (the command line's serve command starts it)
	{"internal/web"},
	// the command line
	{"internal/cli"},
	// the binary
	{"cmd/roadmapper"},
}

// testOnly packages may be imported by tests alone.
var testOnly = map[string]bool{"internal/testutil": true}

// TestImportsRunDownward lists the module's packages with 'go list' and
// fails when a package imports one of its own layer or a higher one, or
// when a package has no layer.
func TestImportsRunDownward(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	cmd := exec.Command(goTool, "list", "-json", module+"...")
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	layerOf := map[string]int{}
	for i, l := range layers {
		for _, p := range l {
			layerOf[p] = i
		}
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	seen := 0
	for {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		seen++
		name := strings.TrimPrefix(p.ImportPath, module)
		if strings.HasPrefix(name, ".ci/") || strings.Contains(name, "/.ci/") {
			continue // development tools, not part of the product
		}
		from, ok := layerOf[name]
		if !ok && !testOnly[name] {
			t.Errorf("package %s has no layer: add it to layers in cmd/roadmapper/layers_test.go", name)
			continue
		}
		for _, imp := range p.Imports {
			if !strings.HasPrefix(imp, module) {
				continue
			}
			dep := strings.TrimPrefix(imp, module)
			if testOnly[dep] {
				t.Errorf("%s imports %s, which is for tests only", name, dep)
				continue
			}
			to, ok := layerOf[dep]
			if ok && to >= from && !testOnly[name] {
				t.Errorf("%s (layer %d) imports %s (layer %d): imports must run downward", name, from, dep, to)
			}
		}
	}
	if seen < 10 {
		t.Fatalf("go list found only %d packages", seen)
	}
}
