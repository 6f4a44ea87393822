package roadmap

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// maxSlugLen bounds the slug part of an item ID.
const maxSlugLen = 80

// Slug turns a title into a lowercase, hyphen-separated ASCII-and-letters
// identifier: "Array API & DLPack support" → "array-api-dlpack-support".
// Accents are dropped; letters of other scripts are kept. An empty result
// becomes "item".
func Slug(title string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(title) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // combining accent
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
		if b.Len() >= maxSlugLen {
			break
		}
	}
	s := b.String()
	if len(s) > maxSlugLen {
		s = s[:maxSlugLen]
		for len(s) > 0 && !validUTF8End(s) {
			s = s[:len(s)-1]
		}
	}
	s = strings.Trim(s, "-")
	if s == "" {
		return "item"
	}
	return s
}

func validUTF8End(s string) bool {
	return strings.ToValidUTF8(s, "\uFFFD") == s
}

// ItemID is the stable ID of an item: "<project>/<slug of title>".
func ItemID(project, title string) string {
	return project + "/" + Slug(title)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}
