package brochure

import (
	"fmt"
	"strings"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// Page geometry in millimetres. Everything printed lies inside the margins;
// content lies between the header rule and the footer rule.
const (
	margin      = 15.24 // 0.6 in
	gutter      = 10.0  // between the two columns
	headerH     = 13.0  // from the top margin to the start of content
	footerH     = 15.0  // from the end of content to the bottom margin
	footerRuleD = 11.0  // footer rule: this far above the bottom margin
	topLogoH    = 19.05 // 0.75 in: the logo box above a project name (pairs)
	logoBoxW    = 45.72 // wide wordmarks may use up to 1.8 in
	logoGap     = 3.0   // between a logo on top of a column and the project name
)

// geometry is the page frame of one page size.
type geometry struct {
	sizeName     string
	pageW, pageH float64
	left, right  float64 // x of the margins
	top, bottom  float64 // y of the content area
	colW         float64
	footerRule   float64 // y of the footer rule
}

// col returns the x of column i (0 or 1).
func (g geometry) col(i int) float64 {
	return g.left + float64(i)*(g.colW+gutter)
}

// width is the full text width.
func (g geometry) width() float64 { return g.right - g.left }

// newGeometry returns the frame for a page size name ("" is Letter).
func newGeometry(size string) (geometry, error) {
	g := geometry{}
	switch strings.ToLower(strings.TrimSpace(size)) {
	case "", strings.ToLower(roadmap.PageLetter):
		g.sizeName, g.pageW, g.pageH = roadmap.PageLetter, 215.9, 279.4
	case strings.ToLower(roadmap.PageA4):
		g.sizeName, g.pageW, g.pageH = roadmap.PageA4, 210, 297
	default:
		return g, fmt.Errorf("page size %q: want %s or %s", size, roadmap.PageLetter, roadmap.PageA4)
	}
	g.left, g.right = margin, g.pageW-margin
	g.top = margin + headerH
	g.footerRule = g.pageH - margin - footerRuleD
	g.bottom = g.pageH - margin - footerH
	g.colW = (g.width() - gutter) / 2
	return g, nil
}

// layoutName normalises a layout name ("" is pairs).
func layoutName(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", roadmap.LayoutPairs:
		return roadmap.LayoutPairs, nil
	case roadmap.LayoutFlow:
		return roadmap.LayoutFlow, nil
	}
	return "", fmt.Errorf("layout %q: want %s or %s", s, roadmap.LayoutPairs, roadmap.LayoutFlow)
}
