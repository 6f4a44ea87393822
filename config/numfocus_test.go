package config

import (
	"strings"
	"testing"
)

// TestNumFOCUSRegistry: the built-in NumFOCUS registry loads, every project
// is sponsored or affiliated, and every row says where it came from.
func TestNumFOCUSRegistry(t *testing.T) {
	cfg, ok, err := Builtin("numfocus")
	if !ok || err != nil {
		t.Fatalf("Builtin(numfocus) = %v, %v", ok, err)
	}
	groups := map[string]int{}
	for _, p := range cfg.Projects {
		groups[p.Group]++
	}
	if len(cfg.Projects) != 152 || groups["sponsored"] != 60 || groups["affiliated"] != 92 {
		t.Errorf("%d projects, groups %v; want the listing's 152 = 60 sponsored + 92 affiliated", len(cfg.Projects), groups)
	}
	lines := strings.Split(string(NumFOCUS), "\n")
	for i, l := range lines {
		if l == "[[project]]" && (i == 0 || !strings.HasPrefix(lines[i-1], "# source: listing (")) {
			t.Errorf("line %d: a project without its source comment", i+1)
		}
	}
	if _, ok, _ := Builtin("registry.toml"); ok {
		t.Error("a file name was taken for a built-in registry")
	}
}

func TestGroupIsChecked(t *testing.T) {
	_, err := Parse([]byte("[[project]]\nslug = \"a\"\nname = \"A\"\ngroup = \"Sponsored!\"\n"), "x.toml")
	if err == nil || !strings.Contains(err.Error(), "x.toml:4: project a: group") {
		t.Errorf("err = %v", err)
	}
}
