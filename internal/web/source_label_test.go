package web

import (
	"strings"
	"testing"
)

// TestSourcesLabelledFromTheirKind: templates name an item's source by
// its kind's label (roadmap.SourceKinds), never by comparing names.
func TestSourcesLabelledFromTheirKind(t *testing.T) {
	label := funcs["sourceLabel"].(func(string) string)
	if label("github") != "GitHub issue" || label("page") != "" || label("tasks") != "" {
		t.Errorf("labels: %q %q %q", label("github"), label("page"), label("tasks"))
	}
	f := newFixture(t, nil)
	code, body := f.get(f.client(), "/projects/quasar")
	if code != 200 || !strings.Contains(body, "roadmap page") || strings.Contains(body, "GitHub issue") {
		t.Errorf("project page of page items: %d, labels wrong", code)
	}
}
