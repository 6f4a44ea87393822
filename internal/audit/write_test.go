package audit_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"reflect"
	"sort"
	"strings"
	"testing"

	. "github.com/roadmapper/roadmapper/internal/audit"
	"github.com/roadmapper/roadmapper/internal/output"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

// Write is the audit's writer, which lives in internal/output.
var Write = output.Audit

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden compares got with testdata/golden/name (see testutil.Golden).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testutil.Golden(t, name, got, *update)
}

func TestWriteGolden(t *testing.T) {
	findings := Classify(FixtureProjects(), FixtureHistory(), DefaultSettings(), FixtureNow)
	for _, format := range []string{"table", "md", "csv", "json"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, findings, format); err != nil {
				t.Fatal(err)
			}
			golden(t, "audit."+format, buf.Bytes())
		})
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	if err := Write(&bytes.Buffer{}, nil, "xml"); err == nil || !strings.Contains(err.Error(), `unknown format "xml"`) {
		t.Errorf("Write(xml) error = %v, want unknown format", err)
	}
}

func TestWriteJSONShape(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, nil, "json"); err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(buf.String()); got != "[]" {
		t.Errorf("empty audit JSON = %s, want []", got)
	}

	buf.Reset()
	findings := Classify(FixtureProjects(), FixtureHistory(), DefaultSettings(), FixtureNow)
	if err := Write(&buf, findings, "json"); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	wantKeys := []string{"items", "last_updated", "last_updated_basis", "project", "reason", "roadmap_issues", "roadmap_url", "status", "words"}
	for i, obj := range got {
		keys := make([]string, 0, len(obj))
		for k := range obj {
			if k != "evidence" {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		if !reflect.DeepEqual(keys, wantKeys) {
			t.Errorf("finding %d keys = %v, want %v (+ optional evidence)", i, keys, wantKeys)
		}
	}
	byProject := map[string]map[string]any{}
	for _, obj := range got {
		byProject[obj["project"].(string)] = obj
	}
	alpha := byProject["alpha"]
	want := map[string]any{"project": "alpha", "status": "good", "roadmap_url": "https://alpha.example.org/roadmap.html",
		"last_updated": "2026-01-30", "last_updated_basis": "github-commit", "items": 8.0, "words": 1597.0,
		"roadmap_issues": 2.0, "reason": "8 items, 1597 words, updated 10 months ago"}
	for k, v := range want {
		if alpha[k] != v {
			t.Errorf("alpha %s = %#v, want %#v", k, alpha[k], v)
		}
	}
	zeta := byProject["zeta"]
	for _, k := range []string{"roadmap_url", "last_updated", "last_updated_basis"} {
		v, ok := zeta[k]
		if !ok || v != nil {
			t.Errorf("zeta (none) %s = %#v (present %v), want null", k, v, ok)
		}
	}
	if _, ok := zeta["evidence"]; ok {
		t.Errorf("zeta has evidence, want it omitted when empty")
	}
}

func TestWriteMarkdownEscapesCrawledText(t *testing.T) {
	f := []Finding{{Project: "x", Name: "X", Status: StatusThin, Reason: "1 item",
		RoadmapURL: StrPtr("javascript:alert(1)"),
		Evidence:   []string{"page states '<script>alert(1)</script> [click](javascript:alert(1))'"}}}
	var buf bytes.Buffer
	if err := Write(&buf, f, "md"); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(out, "<script") || strings.Contains(out, "](javascript:") && !strings.Contains(out, `\](javascript:`) {
		t.Errorf("markdown not inert:\n%s", out)
	}
	if strings.Contains(out, "[X](") {
		t.Errorf("javascript: roadmap_url became a link:\n%s", out)
	}
}

func TestWriteTableAndCSVAreInert(t *testing.T) {
	f := []Finding{{Project: "x", Name: "=HYPERLINK(\"https://evil.example\")", Status: StatusThin,
		Reason: "1 item\x1b[2J\ttab\nnewline \u202eevil"}}
	var buf bytes.Buffer
	if err := Write(&buf, f, "table"); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); strings.ContainsAny(out, "\x1b\u202e") || strings.Contains(out, "newline\n") {
		t.Errorf("table carries control characters: %q", out)
	}
	buf.Reset()
	if err := Write(&buf, f, "csv"); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); !strings.Contains(out, `"'=HYPERLINK(""https://evil.example"")"`) {
		t.Errorf("csv does not defuse a formula: %q", out)
	}
}
