package discover

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/roadmapper/roadmapper/internal/plaintext"
	"github.com/roadmapper/roadmapper/internal/tomlpos"
)

// TOML writes proposals as ready-to-paste [[project]] blocks, each headed
// by its evidence and review notes as comments. A proposal less sure than
// the review threshold keeps its roadmap keys commented out: listed for a
// person to check, not guessed. A repository that could not be read is a
// comment only.
func TOML(ps []Proposal, date time.Time) []byte {
	var b bytes.Buffer
	for i, p := range ps {
		if i > 0 {
			b.WriteByte('\n')
		}
		writeBlock(&b, p, date)
	}
	return b.Bytes()
}

func writeBlock(b *bytes.Buffer, p Proposal, date time.Time) {
	if p.Err != "" {
		fmt.Fprintf(b, "# %s: not proposed: %s\n", comment(p.Repo), comment(p.Err))
		return
	}
	fmt.Fprintf(b, "# %s: discovered %s, confidence %.2f\n", comment(p.Repo), date.UTC().Format("2006-01-02"), p.Confidence)
	for _, e := range p.Evidence {
		fmt.Fprintf(b, "#   %s\n", comment(e))
	}
	for _, r := range p.Review {
		fmt.Fprintf(b, "#   review: %s\n", comment(r))
	}
	b.WriteString("[[project]]\n")
	kv := func(prefix, key, val string) { fmt.Fprintf(b, "%s%s = %s\n", prefix, key, val) }
	kv("", "slug", tomlpos.Quote(p.Slug))
	kv("", "name", tomlpos.Quote(p.Name))
	if p.Homepage != "" {
		kv("", "homepage", tomlpos.Quote(p.Homepage))
	}
	if p.Tagline != "" {
		kv("", "tagline", tomlpos.Quote(p.Tagline))
	}
	kv("", "repo", tomlpos.Quote(p.Repo))
	unsure := ""
	if p.Confidence < reviewBelow {
		unsure = "# " // listed for review, not guessed
	}
	if len(p.Roadmap) > 0 {
		kv(unsure, "roadmap", quoteList(p.Roadmap))
	}
	if p.RoadmapFile != nil {
		kv(unsure, "roadmap_file", tomlpos.Quote(*p.RoadmapFile))
	}
	if len(p.Labels) > 0 {
		kv(unsure, "labels", quoteList(p.Labels))
	}
	if p.Logo != nil {
		kv("", "logo", tomlpos.Quote(*p.Logo))
	}
}

// comment makes crawled text safe inside a one-line TOML comment.
func comment(s string) string { return plaintext.OneLine(s) }

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = tomlpos.Quote(x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// Append adds the blocks of the proposals whose slug (and repository) the
// configuration does not have yet to the end of existing, leaving every
// byte of existing (its comments included) as it was. It returns the new
// text, the slugs added and, for each proposal left out, why.
func Append(existing []byte, ps []Proposal, slugs, repos map[string]bool, date time.Time) (out []byte, added []string, skipped []string) {
	var b bytes.Buffer
	b.Write(existing)
	taken := map[string]bool{}
	for s := range slugs {
		taken[s] = true
	}
	for _, p := range ps {
		switch {
		case p.Err != "":
			skipped = append(skipped, fmt.Sprintf("%s: %s", p.Repo, p.Err))
			continue
		case taken[p.Slug]:
			skipped = append(skipped, fmt.Sprintf("%s: slug %q is already in the configuration", p.Repo, p.Slug))
			continue
		case repos[strings.ToLower(p.Repo)]:
			skipped = append(skipped, fmt.Sprintf("%s: the repository is already in the configuration", p.Repo))
			continue
		}
		taken[p.Slug] = true
		if b.Len() > 0 && !bytes.HasSuffix(b.Bytes(), []byte("\n")) {
			b.WriteByte('\n')
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		writeBlock(&b, p, date)
		added = append(added, p.Slug)
	}
	return b.Bytes(), added, skipped
}
