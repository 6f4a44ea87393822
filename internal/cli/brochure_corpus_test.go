package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// artefacts are leftovers of the source pages that must never reach a
// client's brochure (issue 10 §1), each with what it looks like.
var artefacts = []struct {
	what string
	re   *regexp.Regexp
}{
	{"issue reference (#123)", regexp.MustCompile(`(?:^|\s|\()#\d+\b`)},
	{"bare issue-number list", regexp.MustCompile(`\b\d{3,6}\s*(?:,|and)\s*\d{3,6}\b|[a-z]{3,},? (?:\d{5,6}|[3-9]\d{3}|1[0-8]\d\d)(?:\s*[;.]|$)`)},
	// The copy's own contact address (templates/contact.tmpl) may appear
	// in the closing; crawled text may not bring any URL.
	{"raw URL in the text", regexp.MustCompile(`https?://(?:[^e]|e[^x])|www\.`)},
	{"label prefix in a title", regexp.MustCompile(`(?im)^(?:\[?roadmap\]?|roadmap item|tracking issue)\s*:`)},
	{"glued list join", regexp.MustCompile(`[.:!?]\s*;`)},
	{"stray space from inline markup", regexp.MustCompile(`\w -(?:dtype|like|based|specific)\b|\(\s+\w|\w\s+[,;]\s`)},
	{"emoji shortcode", regexp.MustCompile(`(?:^|\s):[a-z][a-z0-9_+-]*:`)},
	{"dangling reference", regexp.MustCompile(`\bSee (?:this|these|here|GH|our|the following)\b|\bCheck out\b|\bFor more (?:information|detail)`)},
	{"character the fonts lack", regexp.MustCompile(`□`)},
}

// introEnd is a summary's last line that introduces a list it never shows.
var introEnd = regexp.MustCompile(`(?i)(?::|\b(?:include|includes|including|such as|like|e\.g\.?|following|are))$`)

// TestCorpusBrochureText makes brochures from a crawl of the real corpus for
// the shipped client profiles and a few more shapes (every project, many
// items, no themes), and scans their text for every source-page artefact:
// none may appear, every summary ends on a sentence, not on a list
// introduction.
func TestCorpusBrochureText(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus brochure scan skipped in -short mode")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	e := corpusEnv(t)
	profiles, _ := filepath.Glob(filepath.Join("..", "..", "config", "clients", "*.toml"))
	sort.Strings(profiles)
	extra := map[string]string{
		"everything.toml": "name = \"Every Project Inc.\"\nitems_per_project = 6\nlayout = \"flow\"\n",
		"generalist.toml": "name = \"Generalist Foundation\"\ninterests = [\"documentation\", \"performance\", \"testing\", \"community\"]\nitems_per_project = 4\npage_size = \"A4\"\n",
	}
	for name, body := range extra {
		p := filepath.Join(e.dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		profiles = append(profiles, p)
	}
	for _, c := range profiles {
		name := strings.TrimSuffix(filepath.Base(c), ".toml")
		pdf := filepath.Join(e.dir, name+".pdf")
		code, _, errOut := e.run("brochure", "--client", c, "-o", pdf, "--include-stale", "--offline")
		if code != 0 {
			t.Errorf("%s: exit %d\n%s", name, code, errOut)
			continue
		}
		raw, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", pdf, err)
		}
		lines := strings.Split(string(raw), "\n")
		for i, l := range lines {
			if strings.Contains(l, " · ") || strings.HasPrefix(l, "→ ") {
				continue // header and footer lines (" · " joins their parts) and the items' source links
			}
			for _, a := range artefacts {
				if a.re.MatchString(l) {
					t.Errorf("%s: %s: %q", name, a.what, l)
				}
			}
			if i+1 < len(lines) && strings.HasPrefix(lines[i+1], "→ ") && introEnd.MatchString(strings.TrimSpace(l)) {
				t.Errorf("%s: a summary ends on a list introduction: %q", name, l)
			}
		}
	}
}
