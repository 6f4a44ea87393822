package brochure

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// maxProjects bounds a brochure; a sales brochure has a handful.
const maxProjects = 200

// renderer holds the state of one rendering.
type renderer struct {
	in       Input
	g        geometry
	pdf      *fpdf.Fpdf
	fs       *fonts
	org      string   // printable organisation name
	client   string   // printable client name
	contact  []string // printable contact lines
	warnings []string
	warned   map[string]bool
	compact  bool           // flow layout: logos beside project names
	subs     map[string]int // replaced characters by place
	subOrder []string
	// logoWidths are the pixel widths of the logos registered so far.
	logoWidths map[int]bool
	logos      *logoWarmup // the logos made ready in the background (startLogos)
	resampled  []Resampled // logo variants made here (Result.Resampled)
}

// Render writes the brochure for in to w as PDF. It returns an error when
// there are no projects (or more than 200), the layout or page size is
// unknown, or the PDF cannot be produced or written; everything else (odd characters, broken
// logos, over-long text) is handled on the page and reported in
// Result.Warnings.
func Render(w io.Writer, in Input) (Result, error) {
	res, _, err := render(w, in)
	return res, err
}

// render is Render, also returning the layout plan for tests.
func render(w io.Writer, in Input) (res Result, pl *plan, err error) {
	if len(in.Projects) == 0 {
		return res, nil, errors.New("render brochure: no projects to show")
	}
	if len(in.Projects) > maxProjects {
		return res, nil, fmt.Errorf("render brochure: %d projects, at most %d", len(in.Projects), maxProjects)
	}
	layout, err := layoutName(in.Client.Layout)
	if err != nil {
		return res, nil, fmt.Errorf("render brochure: %w", err)
	}
	g, err := newGeometry(in.Client.PageSize)
	if err != nil {
		return res, nil, fmt.Errorf("render brochure: %w", err)
	}
	// The logos are made ready while the fonts load and the text is
	// prepared.
	logos := startLogos(in.Projects)
	defer logos.wait()
	doc, ok, err := takePrewarmed(in)
	if !ok && err == nil {
		doc, err = newDocument(g, in.Generated, in.FallbackFont)
	}
	if err != nil {
		return res, nil, fmt.Errorf("render brochure: %w", err)
	}
	pdf, fs, warns := doc.pdf, doc.fs, doc.warns
	r := &renderer{in: in, g: g, pdf: pdf, fs: fs, logos: logos, warned: map[string]bool{}, subs: map[string]int{}, logoWidths: map[int]bool{}}
	r.compact = layout == roadmap.LayoutFlow
	for _, w := range warns {
		r.warn("%s", w)
	}
	r.org = r.printable(cleanText(in.Copy.Organisation), "organisation name")
	r.client = r.printable(cleanText(in.Client.Name), "client name")
	contact := in.Copy.Contact
	if len(in.Client.Contact) > 0 {
		contact = in.Client.Contact
	}
	for _, c := range contact {
		if c = cleanText(c); c != "" {
			r.contact = append(r.contact, r.printable(c, "contact line"))
		}
	}

	projects := make([]*preparedProject, len(in.Projects))
	for i, p := range in.Projects {
		projects[i] = r.prepareProject(i, p)
	}
	pl = r.layout(projects, layout)
	r.warnSubstitutes()
	r.setMetadata(len(projects))
	header := r.headerBlock()
	footers := make([]*block, len(pl.pages))
	for i := range pl.pages {
		footers[i] = r.footerBlock(i+1, len(pl.pages))
	}
	for i, p := range pl.pages {
		pdf.AddPage()
		header.draw(pdf, fs, g.left, margin)
		for _, b := range p.blocks {
			b.b.draw(pdf, fs, b.x, b.y)
		}
		footers[i].draw(pdf, fs, g.left, g.footerRule)
	}
	if err := pdf.Output(w); err != nil {
		return res, nil, fmt.Errorf("render brochure: %w", err)
	}
	return Result{Pages: len(pl.pages), Warnings: r.warnings, Resampled: r.resampled}, pl, nil
}

// setMetadata fills the document information dictionary.
func (r *renderer) setMetadata(projects int) {
	title := "Roadmap opportunities"
	if r.client != "" {
		title += " for " + r.client
	}
	r.pdf.SetTitle(title, true)
	if r.org != "" {
		r.pdf.SetAuthor(r.org, true)
	}
	subject := fmt.Sprintf("Community work orders on the roadmaps of %d open-source projects", projects)
	if projects == 1 {
		subject = "Community work orders on the roadmap of one open-source project"
	}
	r.pdf.SetSubject(subject, true)
	r.pdf.SetCreator("roadmapper", true)
	r.pdf.SetLang("en")
}

// printable replaces characters no font can print, counting them by place.
func (r *renderer) printable(s, where string) string {
	out, n := r.fs.printable(s)
	if n > 0 {
		if r.subs[where] == 0 {
			r.subOrder = append(r.subOrder, where)
		}
		r.subs[where] += n
	}
	return out
}

// warnSubstitutes adds one warning per place where characters were replaced.
func (r *renderer) warnSubstitutes() {
	hint := "; pass a fallback font to print them"
	if r.fs.fallback != nil {
		hint = " (the fallback font lacks them too)"
	}
	for _, where := range r.subOrder {
		n := r.subs[where]
		what := "character"
		if n > 1 {
			what = "characters"
		}
		r.warn("%s: %d %s the fonts lack replaced with %s%s", where, n, what, substitute, hint)
	}
}

// warn records a warning once.
func (r *renderer) warn(format string, args ...any) {
	msg := strings.TrimSpace(fmt.Sprintf(format, args...))
	if r.warned[msg] {
		return
	}
	r.warned[msg] = true
	r.warnings = append(r.warnings, msg)
}
