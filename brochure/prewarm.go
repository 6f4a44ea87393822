package brochure

import (
	"bytes"
	"fmt"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// document is a PDF document set up for a brochure, fonts registered,
// nothing drawn yet.
type document struct {
	pdf   *fpdf.Fpdf
	fs    *fonts
	warns []string // about the fallback font
}

// newDocument sets up the PDF document of a brochure on page geometry g,
// dated generated, with the Go fonts and the fallback font.
func newDocument(g geometry, generated time.Time, fallback []byte) (document, error) {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: g.sizeName})
	pdf.SetMargins(g.left, margin, margin)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(generated)
	pdf.SetModificationDate(generated)
	fs, warns, err := newFonts(pdf, fallback)
	if err != nil {
		return document{}, err
	}
	return document{pdf: pdf, fs: fs, warns: warns}, nil
}

// pending is a document being set up by Prewarm, and what for.
type pending struct {
	pageSize  string
	generated time.Time
	fallback  []byte
	done      chan struct{} // closed when doc and err are set
	doc       document
	err       error
}

// prewarmed is the document Prewarm set up for the next render (nil:
// none).
var prewarmed struct {
	sync.Mutex
	next *pending
}

// Prewarm starts, in the background, the part of the next Render that does
// not depend on what the brochure shows: its PDF document with the fonts
// registered (parsing three TrueType fonts, a tenth of a one-shot
// brochure's time). A command that makes one brochure calls it as soon as
// it knows the page size, date and fallback font, so that work overlaps
// choosing the brochure's items. The next Render takes the document only
// when it was made for the same page size (Client.PageSize), Generated and
// FallbackFont, and otherwise makes its own: Prewarm never changes a PDF.
func Prewarm(pageSize string, generated time.Time, fallback []byte) {
	g, err := newGeometry(pageSize)
	if err != nil {
		return // Render reports it
	}
	p := &pending{pageSize: pageSize, generated: generated, fallback: fallback, done: make(chan struct{})}
	prewarmed.Lock()
	prewarmed.next = p
	prewarmed.Unlock()
	go func() {
		defer close(p.done)
		p.doc, p.err = newDocument(g, generated, fallback)
	}()
}

// takePrewarmed returns the document Prewarm made for a render of in, if
// it made one for the same page size, date and fallback font; ok is false
// otherwise. A document is handed out once.
func takePrewarmed(in Input) (doc document, ok bool, err error) {
	prewarmed.Lock()
	p := prewarmed.next
	prewarmed.next = nil
	prewarmed.Unlock()
	if p == nil || p.pageSize != in.Client.PageSize || !p.generated.Equal(in.Generated) ||
		p.generated.Location() != in.Generated.Location() || !bytes.Equal(p.fallback, in.FallbackFont) {
		return document{}, false, nil
	}
	<-p.done
	if p.err != nil {
		return document{}, false, fmt.Errorf("prewarmed document: %w", p.err)
	}
	return p.doc, true, nil
}
