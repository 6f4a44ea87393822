package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/roadmapper/roadmapper/internal/output"
)

// progressBar draws a one-line bar on a terminal: "[=====>     ] 12/25 numpy".
// Non-terminals get nothing: cron mail stays quiet.
type progressBar struct {
	w     io.Writer
	total int
	done  int
	start time.Time
	now   func() time.Time
}

func newProgressBar(w io.Writer, total int, now func() time.Time) *progressBar {
	return &progressBar{w: w, total: total, start: now(), now: now}
}

// step records one finished project.
func (p *progressBar) step(label string) {
	p.done++
	const width = 30
	filled := width
	if p.total > 0 {
		filled = width * p.done / p.total
	}
	bar := strings.Repeat("=", filled)
	if filled < width {
		bar += ">" + strings.Repeat(" ", width-filled-1)
	}
	fmt.Fprintf(p.w, "\r\x1b[K[%s] %d/%d %s (%s)", bar, p.done, p.total, output.Cut(cleanCell(label), 30), p.now().Sub(p.start).Round(time.Second))
}

// finish clears the bar.
func (p *progressBar) finish() {
	fmt.Fprint(p.w, "\r\x1b[K")
}
