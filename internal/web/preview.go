package web

import (
	"bytes"
	"context"
	"net/http"
	"os/exec"
	"strconv"
	"time"
)

// previewResolution is the resolution of brochure page images (dpi): a
// Letter page becomes about 510×660 pixels.
const previewResolution = "60"

// brochurePage serves one page of the client's brochure as a PNG, drawn
// by pdftoppm (poppler-utils) when it is installed; without it the
// workspace embeds the PDF instead and this answers 404.
func (s *Server) brochurePage(w http.ResponseWriter, r *http.Request) {
	if s.pdftoppm == "" {
		s.fail(w, r, http.StatusNotFound, "Page images need pdftoppm (Debian: poppler-utils); open the PDF instead.")
		return
	}
	page, err := strconv.Atoi(r.PathValue("page"))
	if err != nil || page < 1 {
		s.fail(w, r, http.StatusNotFound, "No such page.")
		return
	}
	_, pdf, res, err := s.makeBrochure(r)
	if err != nil {
		s.failKind(w, r, "brochure", err)
		return
	}
	if page > res.Pages {
		s.fail(w, r, http.StatusNotFound, "The brochure has "+strconv.Itoa(res.Pages)+" pages.")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 20*time.Second)
	defer cancel()
	p := strconv.Itoa(page)
	cmd := exec.CommandContext(ctx, s.pdftoppm, "-png", "-r", previewResolution, "-f", p, "-l", p, "-singlefile")
	cmd.Stdin = bytes.NewReader(pdf)
	png, err := cmd.Output()
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		s.failErr(w, r, "draw the brochure page", err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(png)
}
