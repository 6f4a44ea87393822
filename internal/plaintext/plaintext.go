// Package plaintext cleans untrusted text for display: one line, no
// control or invisible formatting characters. The brochure, the reports
// and the terminal tables all show crawled text through it.
package plaintext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// OneLine returns s as one line: runs of white space (newlines and
// no-break spaces included) become one space, leading and trailing space
// goes, and characters that print nothing but can mislead are dropped:
// controls (terminal escapes), zero-width and bidirectional formatting
// characters (which can reorder what a reader sees), soft hyphens, byte
// order marks and invalid UTF-8.
func OneLine(s string) string {
	if isOneLine(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i, r := range s {
		switch {
		case r == utf8.RuneError && invalidAt(s, i):
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		case Invisible(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// isOneLine reports whether s is printable ASCII with single spaces
// between words, which OneLine returns as it is: most cells of a table.
func isOneLine(s string) bool {
	space := true // a leading space is not kept
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			if space {
				return false
			}
			space = true
		case c > ' ' && c < 0x7f:
			space = false
		default:
			return false
		}
	}
	return !space || s == ""
}

// invalidAt reports whether the RuneError at s[i] stands for invalid
// UTF-8 rather than an encoded U+FFFD.
func invalidAt(s string, i int) bool {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size == 1
}

// Invisible reports characters that print nothing: controls, zero-width
// and bidirectional formatting characters, soft hyphens, byte order marks.
func Invisible(r rune) bool {
	switch {
	case unicode.IsControl(r), Unsafe(r):
		return true
	case r == 0xAD, r == 0x200B, r == 0x200C, r == 0x200D, r == 0xFEFF, r == 0x2060:
		return true
	}
	return false
}

// Unsafe reports the characters no output may carry, whatever its format:
// controls other than newline and tab (terminal escapes such as ESC,
// carriage returns that overwrite a line, NUL, DEL, the C1 range) and the
// bidirectional marks, embeddings, overrides and isolates (U+200E, U+200F,
// U+202A–U+202E, U+2066–U+2069), which reorder what a reader sees.
func Unsafe(r rune) bool {
	switch {
	case r == '\n', r == '\t':
		return false
	case unicode.IsControl(r):
		return true
	case r == 0x200E, r == 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// Strip drops Unsafe characters and invalid UTF-8 from s, keeping its
// lines and tabs: the one rule every output applies to crawled text.
func Strip(s string) string {
	clean := true
	for i, r := range s {
		if Unsafe(r) || r == utf8.RuneError && invalidAt(s, i) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		if Unsafe(r) || r == utf8.RuneError && invalidAt(s, i) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
