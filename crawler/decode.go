package crawler

import (
	"bytes"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// binaryError is a body that is not a text document.
type binaryError struct{ mediaType string }

func (e *binaryError) Error() string { return "not a text document (" + e.mediaType + ")" }

// mediaTypeOf is the lowercased media type of a Content-Type value.
func mediaTypeOf(contentType string) string {
	mt, _, _ := strings.Cut(contentType, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}

// binaryTypes are declared media types that are never roadmap text.
func declaredBinary(mt string) bool {
	switch {
	case mt == "application/pdf", mt == "application/zip", mt == "application/gzip",
		mt == "application/x-gzip", mt == "application/x-tar", mt == "application/msword",
		mt == "application/postscript", mt == "application/wasm":
		return true
	case strings.HasPrefix(mt, "image/"), strings.HasPrefix(mt, "audio/"),
		strings.HasPrefix(mt, "video/"), strings.HasPrefix(mt, "font/"),
		strings.HasPrefix(mt, "application/vnd."):
		return true
	}
	return false
}

// checkText fails with a *binaryError when body is not a text document:
// a binary Content-Type (PDF, images, archives) or bytes that sniff as one
// (a PNG served as text/html).
func checkText(body []byte, contentType string) error {
	if mt := mediaTypeOf(contentType); declaredBinary(mt) {
		return &binaryError{mt}
	}
	sniffed := mediaTypeOf(http.DetectContentType(body))
	if strings.HasPrefix(sniffed, "text/") {
		return nil
	}
	if sniffed == "application/octet-stream" && hasTextBOM(body) {
		return nil
	}
	return &binaryError{sniffed}
}

func hasTextBOM(b []byte) bool {
	return bytes.HasPrefix(b, []byte{0xFE, 0xFF}) || bytes.HasPrefix(b, []byte{0xFF, 0xFE}) ||
		bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF})
}

// toUTF8 converts a text body to UTF-8 from its charset: a BOM, the
// Content-Type charset parameter, or (HTML) a <meta charset> or http-equiv
// declaration. A body without a declaration that is valid UTF-8 is kept as
// is; otherwise windows-1252 is assumed. Invalid sequences become U+FFFD;
// a leading BOM is dropped.
func toUTF8(body []byte, contentType string) []byte {
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	if name == "utf-8" || (!certain && utf8.Valid(body)) {
		return bytes.ToValidUTF8(bytes.TrimPrefix(body, []byte{0xEF, 0xBB, 0xBF}), []byte("\uFFFD"))
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		out = body
	}
	out = bytes.TrimPrefix(out, []byte{0xEF, 0xBB, 0xBF})
	return bytes.ToValidUTF8(out, []byte("\uFFFD"))
}

// utf8ContentType is the Content-Type to hand the extractor for a body now
// in UTF-8: the declared media type (or, when absent or generic, one guessed
// from the URL's extension, else text/plain) with charset=utf-8.
func utf8ContentType(contentType, docURL string) string {
	mt := mediaTypeOf(contentType)
	if mt == "" || mt == "application/octet-stream" || mt == "binary/octet-stream" {
		mt = typeByExt(docURL)
	}
	return mime.FormatMediaType(mt, map[string]string{"charset": "utf-8"})
}

// typeByExt guesses a text media type from the extension of a URL or path.
func typeByExt(p string) string {
	if u, err := url.Parse(p); err == nil && u.Path != "" {
		p = u.Path
	}
	switch strings.ToLower(path.Ext(p)) {
	case ".md", ".markdown", ".mdown", ".mkd":
		return "text/markdown"
	case ".rst", ".rest":
		return "text/x-rst"
	case ".html", ".htm", ".xhtml":
		return "text/html"
	case ".yaml", ".yml":
		return "application/yaml"
	case ".json":
		return "application/json"
	}
	return "text/plain"
}
