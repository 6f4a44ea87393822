// Package extract turns one fetched roadmap document (HTML, Markdown,
// reStructuredText, or a YAML or JSON task list) into a roadmap.Document:
// its title, its items (the sections one level below the title, the
// entries of a list-shaped roadmap, the open tasks of a task graph, or the
// whole page when it has no structure), its word count and the dates it
// states about itself. Text it cannot read as a roadmap still gives a
// document, with no items, its words, its dates and a Note.
//
// The package is pure: it does no I/O and never panics on any input.
package extract

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// Sentinel errors of Extract. They come back wrapped with detail; test them
// with errors.Is.
var (
	// ErrEmpty means the document is empty or only whitespace.
	ErrEmpty = errors.New("empty document")
	// ErrBinary means the body is not text (PDF, image, NUL bytes, invalid UTF-8).
	ErrBinary = errors.New("not a text document")
	// ErrTooLarge means the body exceeds MaxBodySize.
	ErrTooLarge = errors.New("document too large")
)

// Limits of Extract.
const (
	MaxBodySize    = 20 << 20 // bytes; larger bodies are refused with ErrTooLarge
	MaxItems       = 200      // items kept per document
	MaxTextLen     = 8000     // bytes of Item.Text
	MaxSummaryLen  = 400      // bytes of Item.Summary (before a trailing "…")
	maxListTitle   = 80       // bytes of a title taken from a list entry's first sentence
	minSummaryGoal = 160      // keep adding paragraphs to a summary until this long
)

// Formats returned by DetectFormat and stored in Document.Format.
const (
	FormatHTML     = "html"
	FormatMarkdown = "markdown"
	FormatRST      = "rst"
	FormatYAML     = "yaml"
	FormatJSON     = "json"
)

// NotUnderstood opens Document.Note for text that is not a roadmap format
// this package reads.
const NotUnderstood = "format not understood"

// Extract parses body (already UTF-8; the fetcher converts charsets) fetched
// from docURL with the given Content-Type header value (may be empty) and
// returns the document with its items. Items have Title, Summary, Text,
// Points, URL, Source, DocURL, Position and Links set; ID and Project are
// left for the store. Text in a format it does not read (TOML, CSV, a YAML
// file that is not a task list) gives a document with no items, its words
// and dates, and a Note starting with NotUnderstood.
//
// Errors (wrapped, test with errors.Is): ErrTooLarge, ErrEmpty, ErrBinary.
func Extract(docURL, contentType string, body []byte) (doc *roadmap.Document, err error) {
	defer func() {
		// Belt and braces: a parser bug must not take the crawler down.
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("extract %s: internal error: %v", docURL, r)
		}
	}()
	if len(body) > MaxBodySize {
		return nil, fmt.Errorf("extract %s: %d bytes: %w", docURL, len(body), ErrTooLarge)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, fmt.Errorf("extract %s: %w", docURL, ErrEmpty)
	}
	if kind, bad := binaryKind(body); bad {
		return nil, fmt.Errorf("extract %s: %w (%s)", docURL, ErrBinary, kind)
	}
	format := DetectFormat(docURL, contentType, body)
	var p *parsed
	switch format {
	case FormatHTML:
		p, err = parseHTML(body)
		if err != nil {
			return nil, fmt.Errorf("extract %s: parse html: %w", docURL, err)
		}
	case FormatMarkdown:
		p = parseMarkdown(string(body))
	case FormatRST:
		p = parseRST(string(body))
	case FormatYAML, FormatJSON:
		return buildStructured(docURL, format, body), nil
	default:
		what := mediaType(contentType)
		if ext := urlExt(docURL); ext != "" && (what == "" || what == "text/plain" || strings.HasSuffix(what, "octet-stream")) {
			what = strings.TrimPrefix(ext, ".") + " file"
		}
		if what == "" {
			what = "unknown type"
		}
		return unread(&roadmap.Document{URL: docURL, Items: []roadmap.Item{}}, string(body), what), nil
	}
	return build(docURL, format, p), nil
}

// unread completes a document whose text is not read as a roadmap: its
// words and the dates its paragraphs state, and a Note saying why.
func unread(doc *roadmap.Document, text, why string) *roadmap.Document {
	var blocks []block
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if para = collapse(para); para != "" {
			blocks = append(blocks, block{kind: blockPara, text: para})
			doc.Words += len(strings.Fields(para))
		}
		if len(blocks) >= maxUnreadBlocks {
			break
		}
	}
	doc.Dates = findDates(blocks, nil, nil)
	doc.Note = NotUnderstood + " (" + why + ")"
	return doc
}

// maxUnreadBlocks caps the paragraphs of an unread document scanned for
// words and dates.
const maxUnreadBlocks = 5000

// DetectFormat says how body should be read: "html", "markdown", "rst",
// "yaml", "json", or "" when it is not a format Extract reads. The
// Content-Type decides first, then the extension of the URL path;
// text/plain and unknown types are sniffed (RST adornment lines versus "#"
// headings versus "<html").
func DetectFormat(docURL, contentType string, body []byte) string {
	switch ct := mediaType(contentType); ct {
	case "text/html", "application/xhtml+xml":
		return FormatHTML
	case "text/markdown", "text/x-markdown":
		return FormatMarkdown
	case "text/x-rst", "text/prs.fallenstein.rst":
		return FormatRST
	case "text/plain", "", "application/octet-stream", "binary/octet-stream":
		// by extension, then sniff
	default:
		switch {
		case strings.Contains(ct, "yaml"):
			return FormatYAML
		case strings.Contains(ct, "json"):
			return FormatJSON
		case !strings.HasPrefix(ct, "text/"), ct == "text/csv", ct == "text/tab-separated-values", strings.Contains(ct, "xml"):
			return ""
		}
	}
	switch ext := urlExt(docURL); ext {
	case ".md", ".markdown", ".mdown", ".mkd":
		return FormatMarkdown
	case ".rst", ".rest":
		return FormatRST
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".yaml", ".yml":
		return FormatYAML
	case ".json":
		return FormatJSON
	case ".toml", ".csv", ".tsv", ".xml", ".pdf", ".png", ".jpg", ".jpeg", ".gif", ".svg":
		return ""
	}
	return sniff(body)
}

// sniff guesses the format of an untyped text body.
func sniff(body []byte) string {
	head := body
	if len(head) > 4096 {
		head = head[:4096]
	}
	lower := bytes.ToLower(bytes.TrimSpace(head))
	if bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.Contains(lower, []byte("<html")) ||
		bytes.Contains(lower, []byte("<body")) {
		return FormatHTML
	}
	text := string(body)
	if len(text) > 64<<10 {
		text = text[:64<<10]
	}
	rst, md := sniffScores(text)
	switch {
	case rst > md:
		return FormatRST
	case md > 0:
		return FormatMarkdown
	case rst > 0:
		return FormatRST
	}
	if bytes.HasPrefix(lower, []byte("<")) {
		return FormatHTML
	}
	return FormatMarkdown // plain prose reads fine as Markdown
}

// sniffScores counts RST section adornments and Markdown ATX headings.
func sniffScores(text string) (rst, md int) {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		l = strings.TrimRight(l, " \t\r")
		if atxRe.MatchString(l) {
			md++
		}
		if strings.HasPrefix(l, "```") || strings.HasPrefix(l, "](") || strings.Contains(l, "](http") {
			md++
		}
		if i > 0 && isAdornment(l) {
			prev := strings.TrimSpace(lines[i-1])
			if prev != "" && !isAdornment(prev) && len(l) >= utf8.RuneCountInString(prev) {
				rst++
			}
		}
		if strings.HasPrefix(l, ".. ") && strings.Contains(l, "::") {
			rst++
		}
	}
	return rst, md
}

// binaryKind reports whether body is not text, and what it looks like.
func binaryKind(body []byte) (string, bool) {
	head := body
	if len(head) > 512 {
		head = head[:512]
	}
	ct := mediaType(http.DetectContentType(head))
	if !strings.HasPrefix(ct, "text/") && ct != "application/json" && ct != "application/xml" {
		if ct != "application/octet-stream" {
			return ct, true
		}
	}
	sample := body
	if len(sample) > 64<<10 {
		sample = sample[:64<<10]
	}
	if bytes.IndexByte(sample, 0) >= 0 {
		return "application/octet-stream", true
	}
	if !utf8.Valid(sample) {
		bad, n := 0, 0
		for len(sample) > 0 {
			r, size := utf8.DecodeRune(sample)
			if r == utf8.RuneError && size <= 1 {
				bad++
			}
			n++
			sample = sample[size:]
		}
		if bad*10 > n { // more than 10% invalid
			return "application/octet-stream", true
		}
	}
	return "", false
}

func mediaType(contentType string) string {
	ct, _, _ := strings.Cut(contentType, ";")
	return strings.ToLower(strings.TrimSpace(ct))
}

func urlExt(docURL string) string {
	p := docURL
	if u, err := url.Parse(docURL); err == nil {
		p = u.Path
	}
	return strings.ToLower(path.Ext(p))
}
