package logo

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"io"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/net/html/charset"
)

// Limits of the SVG sanitiser.
const (
	maxSVGElements = 50_000
	maxSVGDepth    = 256
)

// dropSubtree lists elements removed with everything inside them: active
// content, embedded documents and editor metadata.
var dropSubtree = map[string]bool{
	"script": true, "foreignobject": true, "iframe": true, "object": true,
	"embed": true, "audio": true, "video": true, "canvas": true, "metadata": true,
}

// svgDoc is a sanitised SVG: its root element split from the body, so it
// can be rendered into any pixel box and viewBox.
type svgDoc struct {
	rootName  string     // qualified name of the root, e.g. "svg" or "svg:svg"
	rootAttrs []xml.Attr // root attributes minus the ones render sets
	body      []byte     // sanitised content after the root start tag, root end tag included

	viewBox    box  // from the viewBox attribute
	hasViewBox bool // viewBox was present and usable
	width      length
	height     length

	maxPixels int             // cap on an embedded raster's width×height
	removed   []string        // what was stripped, e.g. "script", "href=http://…"
	features  map[string]bool // elements oksvg ignores that the document uses
}

// oksvgIgnores lists elements oksvg does not draw or apply; a pure-Go
// raster of a document using them may lack parts, which the Note says.
var oksvgIgnores = map[string]bool{
	"text": true, "clippath": true, "mask": true, "filter": true, "pattern": true,
	"image": true, "marker": true, "symbol": true, "switch": true,
}

// box is a rectangle in user units.
type box struct{ X, Y, W, H float64 }

// sanitizeSVG parses an SVG document and rewrites it without anything that
// could run code or fetch a resource. It fails when the document declares
// entities or an internal DTD subset, is not well-formed XML, has no <svg>
// root, or exceeds the element or depth caps.
func sanitizeSVG(data []byte) (*svgDoc, error) {
	return sanitizeSVGCapped(data, DefaultMaxPixels)
}

// sanitizeSVGCapped is sanitizeSVG dropping embedded rasters larger than
// maxPixels (or unreadable), and bounding <use> (see boundUses).
func sanitizeSVGCapped(data []byte, maxPixels int) (*svgDoc, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	dec.CharsetReader = charset.NewReaderLabel

	doc := &svgDoc{maxPixels: maxPixels}
	// Definitions (<defs>, and <style> wrapped in <defs>) are hoisted to the
	// start of the body: oksvg only resolves <use> of earlier definitions,
	// and definitions draw nothing where they stand.
	var main, defs bytes.Buffer
	out := &main
	hoisted := 0       // depth of the stack where the hoisted element opened; 0 when none
	var stack []string // qualified names of open elements
	skip := 0          // depth inside a dropped subtree; 0 when not skipping
	inStyle := false
	elements := 0
	rootDone := false
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("invalid SVG: %w", err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			d := strings.ToUpper(string(t))
			if strings.Contains(d, "ENTITY") || strings.Contains(d, "[") {
				return nil, errors.New("unsafe SVG: DOCTYPE declares entities")
			}
			if !strings.HasPrefix(strings.TrimSpace(d), "DOCTYPE") {
				return nil, errors.New("unsafe SVG: unexpected declaration")
			}
			// A plain external DOCTYPE is dropped, never fetched.
		case xml.StartElement:
			elements++
			if elements > maxSVGElements {
				return nil, fmt.Errorf("SVG too complex: over %d elements", maxSVGElements)
			}
			if len(stack) >= maxSVGDepth {
				return nil, fmt.Errorf("SVG too deep: over %d levels", maxSVGDepth)
			}
			name := qname(t.Name)
			stack = append(stack, name)
			if skip > 0 {
				skip++
				continue
			}
			local := strings.ToLower(t.Name.Local)
			if len(stack) == 1 {
				if rootDone || local != "svg" {
					return nil, fmt.Errorf("not an SVG document (root <%s>)", truncate(name, 40))
				}
				doc.setRoot(t)
				continue
			}
			if oksvgIgnores[local] {
				if doc.features == nil {
					doc.features = map[string]bool{}
				}
				doc.features[t.Name.Local] = true
			}
			if dropSubtree[local] {
				doc.removed = append(doc.removed, local)
				skip = 1
				continue
			}
			if hoisted == 0 && (local == "defs" || local == "style") {
				hoisted = len(stack)
				out = &defs
				if local == "style" {
					// oksvg reads class rules only inside <defs>.
					out.WriteString("<defs>")
				}
			}
			inStyle = local == "style"
			out.WriteByte('<')
			out.WriteString(name)
			for _, a := range doc.cleanAttrs(t.Attr) {
				writeAttr(out, a)
			}
			out.WriteByte('>')
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, errors.New("invalid SVG: unexpected end tag")
			}
			name := stack[len(stack)-1]
			if name != qname(t.Name) {
				return nil, fmt.Errorf("invalid SVG: <%s> closed by </%s>", truncate(name, 40), truncate(qname(t.Name), 40))
			}
			stack = stack[:len(stack)-1]
			if skip > 0 {
				skip--
				continue
			}
			out.WriteString("</")
			out.WriteString(name)
			out.WriteByte('>')
			if strings.EqualFold(t.Name.Local, "style") {
				inStyle = false
			}
			if hoisted == len(stack)+1 {
				if strings.EqualFold(t.Name.Local, "style") {
					out.WriteString("</defs>")
				}
				hoisted = 0
				out = &main
			}
			if len(stack) == 0 {
				rootDone = true
			}
		case xml.CharData:
			if skip > 0 || len(stack) == 0 {
				continue
			}
			text := string(t)
			if inStyle {
				text = doc.cleanCSS(text)
			}
			textEscaper.WriteString(out, text)
		case xml.Comment, xml.ProcInst:
			// dropped: comments carry nothing; processing instructions
			// include xml-stylesheet, which would fetch.
		}
	}
	if !rootDone {
		if len(stack) > 0 {
			return nil, errors.New("invalid SVG: unexpected end of document")
		}
		return nil, errors.New("not an SVG document")
	}
	doc.body = append(defs.Bytes(), main.Bytes()...)
	if err := doc.boundUses(); err != nil {
		return nil, err
	}
	return doc, nil
}

func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// textEscaper escapes character data; unlike xml.EscapeText it leaves
// line breaks readable.
var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func writeAttr(out *bytes.Buffer, a xml.Attr) {
	out.WriteByte(' ')
	out.WriteString(qname(a.Name))
	out.WriteString(`="`)
	_ = xml.EscapeText(out, []byte(a.Value))
	out.WriteByte('"')
}

// setRoot records the sizing attributes of the root <svg> and keeps the rest.
func (d *svgDoc) setRoot(t xml.StartElement) {
	d.rootName = qname(t.Name)
	hasXmlns, hasXlink := false, false
	for _, a := range d.cleanAttrs(t.Attr) {
		switch {
		case a.Name.Space == "" && a.Name.Local == "viewBox":
			d.viewBox, d.hasViewBox = parseViewBox(a.Value)
		case a.Name.Space == "" && a.Name.Local == "width":
			d.width = parseLength(a.Value)
		case a.Name.Space == "" && a.Name.Local == "height":
			d.height = parseLength(a.Value)
		case a.Name.Space == "" && (a.Name.Local == "preserveAspectRatio" || a.Name.Local == "x" || a.Name.Local == "y"):
		default:
			if a.Name.Space == "" && a.Name.Local == "xmlns" {
				hasXmlns = true
			}
			if a.Name.Space == "xmlns" && a.Name.Local == "xlink" {
				hasXlink = true
			}
			d.rootAttrs = append(d.rootAttrs, a)
		}
	}
	if !hasXmlns && t.Name.Space == "" {
		d.rootAttrs = append(d.rootAttrs, xml.Attr{Name: xml.Name{Local: "xmlns"}, Value: "http://www.w3.org/2000/svg"})
	}
	if !hasXlink {
		d.rootAttrs = append(d.rootAttrs, xml.Attr{Name: xml.Name{Space: "xmlns", Local: "xlink"}, Value: "http://www.w3.org/1999/xlink"})
	}
}

// cleanAttrs drops event handlers, external references and xml:base, and
// cleans url() references in every other value.
func (d *svgDoc) cleanAttrs(attrs []xml.Attr) []xml.Attr {
	out := attrs[:0:0]
	for _, a := range attrs {
		local := strings.ToLower(a.Name.Local)
		switch {
		case strings.HasPrefix(local, "on"), local == "src", a.Name.Space == "xml" && local == "base":
			d.removed = append(d.removed, local)
			continue
		case local == "href":
			if !safeRef(a.Value) {
				d.removed = append(d.removed, "href="+truncate(strings.TrimSpace(a.Value), 40))
				continue
			}
			if why := d.checkEmbedded(a.Value); why != "" {
				d.removed = append(d.removed, why)
				continue
			}
		case local == "style" || strings.Contains(strings.ToLower(a.Value), "url("):
			a.Value = d.cleanCSS(a.Value)
		}
		out = append(out, a)
	}
	return out
}

// safeRef reports whether a reference stays inside the document: a
// fragment, or an inline raster image.
func safeRef(v string) bool {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "#") {
		return true
	}
	l := strings.ToLower(v)
	return strings.HasPrefix(l, "data:image/") && !strings.HasPrefix(l, "data:image/svg")
}

var (
	cssImport = regexp.MustCompile(`(?i)@import[^;]*;?`)
	cssURL    = regexp.MustCompile(`(?i)url\(\s*(['"]?)([^)'"]*)['"]?\s*\)`)
)

// cleanCSS removes @import rules and url() references that leave the
// document. CSS with escapes is dropped whole: escapes could spell url( in
// a way the patterns miss.
func (d *svgDoc) cleanCSS(s string) string {
	if strings.Contains(s, `\`) {
		d.removed = append(d.removed, "css with escapes")
		return ""
	}
	if cssImport.MatchString(s) {
		d.removed = append(d.removed, "@import")
		s = cssImport.ReplaceAllString(s, " ") // a space: removal must not join "@im" and "port"
	}
	return cssURL.ReplaceAllStringFunc(s, func(m string) string {
		ref := cssURL.FindStringSubmatch(m)[2]
		if !safeRef(ref) {
			d.removed = append(d.removed, "url("+truncate(ref, 40)+")")
			return "none"
		}
		if why := d.checkEmbedded(ref); why != "" {
			d.removed = append(d.removed, why)
			return "none"
		}
		return m
	})
}

// checkEmbedded reads the header of an inline data:image/ raster and
// returns why it must go ("" to keep it): unreadable, or more than
// d.maxPixels pixels, which a renderer would decode in full.
func (d *svgDoc) checkEmbedded(ref string) string {
	ref = strings.TrimSpace(ref)
	if !strings.HasPrefix(strings.ToLower(ref), "data:") {
		return ""
	}
	meta, payload, ok := strings.Cut(ref[len("data:"):], ",")
	if !ok {
		return "embedded image without data"
	}
	var r io.Reader
	if strings.HasSuffix(strings.ToLower(meta), ";base64") {
		r = base64.NewDecoder(base64.StdEncoding, strings.NewReader(strings.Map(dropSpace, payload)))
	} else {
		raw, err := url.PathUnescape(payload)
		if err != nil {
			return "unreadable embedded image"
		}
		r = strings.NewReader(raw)
	}
	cfg, _, err := image.DecodeConfig(r)
	if err != nil {
		return "unreadable embedded image"
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > int64(d.maxPixels) {
		return fmt.Sprintf("embedded image of %dx%d pixels (cap %d)", cfg.Width, cfg.Height, d.maxPixels)
	}
	return ""
}

// dropSpace removes the white space base64 in an attribute may carry.
func dropSpace(r rune) rune {
	if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
		return -1
	}
	return r
}

// oksvgNote says which used elements oksvg ignores, in a stable order.
func (d *svgDoc) oksvgNote() string {
	if len(d.features) == 0 {
		return ""
	}
	names := make([]string, 0, len(d.features))
	for n := range d.features {
		names = append(names, "<"+n+">")
	}
	sort.Strings(names)
	return "oksvg ignores " + strings.Join(names, ", ")
}

// render returns the document with its root sized to w×h pixels showing
// the user-space rectangle vb, centred.
func (d *svgDoc) render(vb box, w, h int) []byte {
	var out bytes.Buffer
	out.Grow(len(d.body) + 512)
	out.WriteByte('<')
	out.WriteString(d.rootName)
	for _, a := range d.rootAttrs {
		writeAttr(&out, a)
	}
	fmt.Fprintf(&out, ` width="%d" height="%d" viewBox="%s %s %s %s" preserveAspectRatio="xMidYMid meet">`,
		w, h, num(vb.X), num(vb.Y), num(vb.W), num(vb.H))
	out.Write(d.body)
	return out.Bytes()
}
