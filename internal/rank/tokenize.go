package rank

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// tokenize appends to dst the lowercase words of s: maximal runs of letters
// and digits. Every other rune separates words, so "free-threaded" is two
// words and "I/O" is "i", "o". The words are substrings of one lowered copy
// of s, so tokenizing allocates at most once. It is the reference the
// faster tokenizer below must agree with.
func tokenize(dst []string, s string) []string {
	return splitWords(dst, strings.ToLower(s))
}

// wordByte marks the ASCII bytes that belong to words.
var wordByte = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
	}
	return t
}()

// lowerByte lowercases ASCII bytes.
var lowerByte = func() (t [utf8.RuneSelf]byte) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			t[c] += 'a' - 'A'
		}
	}
	return t
}()

// splitWords appends the words of an already lowercase string.
func splitWords(dst []string, low string) []string {
	start := -1
	for i := 0; i < len(low); {
		c := low[i]
		size := 1
		var word bool
		if c < utf8.RuneSelf {
			word = wordByte[c]
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(low[i:])
			word = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		if word {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			dst = append(dst, low[start:i])
			start = -1
		}
		i += size
	}
	if start >= 0 {
		dst = append(dst, low[start:])
	}
	return dst
}

// byteClass sorts bytes for the tokenizer: separators, lowercase letters
// and digits, uppercase letters, and bytes of multi-byte UTF-8 sequences.
const (
	clsSep   = 0
	clsLower = 1
	clsUpper = 2
	clsUTF8  = 4
)

var byteClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = clsUTF8
		case 'A' <= c && c <= 'Z':
			t[c] = clsUpper
		case wordByte[c]:
			t[c] = clsLower
		}
	}
	return t
}()

// wordHash hashes a word eight bytes at a time (little-endian, the last
// chunk zero-padded). The tokenizer computes the same value with hashSpan;
// the vocabulary uses it to look words up.
func wordHash(w string) uint64 {
	return hashSpan(w, 0, len(w))
}

// hashSpan is wordHash(s[start:end]); it reads the last partial chunk with
// one load when s has 8 bytes from there.
func hashSpan(s string, start, end int) uint64 {
	h := uint64(end-start) * 0x9e3779b97f4a7c15
	i := start
	for ; end-i >= 8; i += 8 {
		h = mix(h^load8(s[i:]), 0xa0761d6478bd642f)
	}
	var tail uint64
	if n := end - i; n > 0 {
		if i+8 <= len(s) {
			tail = load8(s[i:]) & (1<<(8*uint(n)) - 1)
		} else {
			for j := end - 1; j >= i; j-- {
				tail = tail<<8 | uint64(s[j])
			}
		}
	}
	return mix(h^tail^0xe7037ed1a0b428db, 0x8ebc6af09c88c6e3)
}

// SWAR constants: a byte repeated eight times.
const (
	swarOnes = 0x0101010101010101
	swarHigh = 0x8080808080808080
)

// notLowerAlnum returns the high bit of every byte of x (8 bytes of text,
// little-endian) that is not a lowercase ASCII letter or digit, 0 when all
// are. Bytes are tested without carries between them: the high bit is
// cleared first, and bytes that had it (UTF-8) count as not matching.
func notLowerAlnum(x uint64) uint64 {
	x7 := x &^ swarHigh
	lower := (x7 + (0x80-'a')*swarOnes) &^ (x7 + (0x7f-'z')*swarOnes)
	digit := (x7 + (0x80-'0')*swarOnes) &^ (x7 + (0x7f-'9')*swarOnes)
	word := (lower | digit) &^ x & swarHigh
	return ^word & swarHigh
}

// load8 reads the first 8 bytes of s as a little-endian number.
func load8(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// tokenizer splits text into the words tokenize would return, without
// allocating once its buffers have grown. Words already in lowercase ASCII
// are cut from the text itself; others are lowered into a reused buffer.
// With a vocabulary it also looks every word up and records its surface
// form in forms (-1 for a word no phrase uses). The words it returns are
// only valid until its next call.
type tokenizer struct {
	buf   []byte
	toks  []string
	forms []int32
	cands []int32 // indices of words that may name a proposal or an issue (see refCandidate)
	at    []int32 // indices of words whose form may start a phrase
	v     *vocab
	n     int // words in the last text

	// drop keeps toks and cands empty, saving a store per word: refs then
	// holds, for each reference candidate, the word and the word after it
	// ("" at the end).
	drop    bool
	refs    []string
	pending bool

	// hashes, when set (non-nil), collects the wordHash of every word and
	// of the word without a final "s" or "es" (see wordFilter): the words
	// a phrase word may match here.
	hashes []uint64
}

// hashWord appends to z.hashes the hashes of text[start:end] (h) and of
// it without a final "s" or "es".
func (z *tokenizer) hashWord(text string, start, end int, h uint64) {
	z.hashes = append(z.hashes, h)
	if n := end - start; n > 1 && text[end-1] == 's' {
		z.hashes = append(z.hashes, hashSpan(text, start, end-1))
		if n > 2 && text[end-2] == 'e' {
			z.hashes = append(z.hashes, hashSpan(text, start, end-2))
		}
	}
}

// refCandidate reports whether word w may start a proposal or issue
// reference: a series name ("nep", "slep", "pep", "spec", "pdep", "ep"),
// "gh", or a word starting like one and ending in a digit ("slep47").
func refCandidate(w string) bool {
	if isDigitByte[w[len(w)-1]] {
		return refFirst[w[0]]
	}
	switch w {
	case "nep", "slep", "pep", "spec", "pdep", "ep", "gh":
		return true
	}
	return false
}

// refFirst marks the first letters of series names and of "gh";
// isDigitByte the ASCII digits.
var refFirst, isDigitByte = func() (f, d [256]bool) {
	for _, c := range "nspeg" {
		f[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		d[c] = true
	}
	return f, d
}()

// words returns the lowercase words of s (see tokenize); with a vocabulary,
// z.forms holds their surface forms.
func (z *tokenizer) words(s string) []string {
	z.toks = z.toks[:0]
	z.forms = z.forms[:0]
	z.cands = z.cands[:0]
	z.at = z.at[:0]
	z.buf = z.buf[:0]
	z.refs = z.refs[:0]
	z.pending = false
	z.n = 0
	v := z.v
	for i := 0; i < len(s); {
		for i < len(s) && byteClass[s[i]] == clsSep {
			i++
		}
		start := i
		// Most words are lowercase ASCII: run over them eight bytes at a
		// time, and classify only the byte that stops the run. first keeps
		// the word's first 8 bytes (when the text has them) for hashing.
		var first uint64
		if i+8 <= len(s) {
			first = load8(s[i:])
			x := first
			for {
				if stop := notLowerAlnum(x); stop != 0 {
					i += bits.TrailingZeros64(stop) / 8
					break
				}
				i += 8
				if i+8 > len(s) {
					break
				}
				x = load8(s[i:])
			}
		}
		for i < len(s) && byteClass[s[i]] == clsLower {
			i++
		}
		var cls uint8
		for i < len(s) {
			c := byteClass[s[i]]
			if c == clsSep {
				break
			}
			cls |= c
			i++
		}
		n := i - start
		switch {
		case n == 0:
		case cls&clsUTF8 != 0:
			z.unicodeRun(s[start:i])
		case cls&clsUpper != 0:
			b := len(z.buf)
			for j := start; j < i; j++ {
				z.buf = append(z.buf, lowerByte[s[j]])
			}
			z.cutBuf(b)
		case n < 8 && start+8 <= len(s) && v != nil:
			// z.cut inlined for the common short lowercase word.
			w := s[start:i]
			if z.drop && !z.pending && !refFirst[w[0]] {
				z.n++ // z.record(w), inlined for the common case
			} else {
				z.record(w)
			}
			tail := first & (1<<(8*uint(n)) - 1)
			h := mix(uint64(n)*0x9e3779b97f4a7c15^tail^0xe7037ed1a0b428db, 0x8ebc6af09c88c6e3)
			f := v.findShort(h, tail, n)
			if f >= 0 && v.starts[f] {
				z.at = append(z.at, int32(len(z.forms)))
			}
			z.forms = append(z.forms, f)
			if z.hashes != nil {
				z.hashWord(s, start, i, h)
			}
		default:
			z.cut(s, start, i)
		}
	}
	return z.toks
}

// unicodeRun splits a run of non-separator ASCII and multi-byte UTF-8 into
// words, lowering them into the buffer: a multi-byte rune that is not a
// letter or digit ("’") separates words.
func (z *tokenizer) unicodeRun(run string) {
	start := -1
	for i := 0; i < len(run); {
		r, size := rune(run[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(run[i:])
		}
		i += size
		lr := unicode.ToLower(r)
		if !unicode.IsLetter(lr) && !unicode.IsDigit(lr) {
			if start >= 0 {
				z.cutBuf(start)
				start = -1
			}
			continue
		}
		if start < 0 {
			start = len(z.buf)
		}
		z.buf = utf8.AppendRune(z.buf, lr)
	}
	if start >= 0 {
		z.cutBuf(start)
	}
}

// record counts word w and keeps it: in toks (with its index in cands if
// refCandidate accepts it), or, when dropping words, only if it is a
// reference candidate or follows one, in refs.
func (z *tokenizer) record(w string) {
	if z.drop {
		if z.pending {
			z.refs[len(z.refs)-1] = w
			z.pending = false
		}
		if refCandidate(w) {
			z.refs = append(z.refs, w, "")
			z.pending = true
		}
		z.n++
		return
	}
	if refCandidate(w) {
		z.cands = append(z.cands, int32(len(z.toks)))
	}
	z.toks = append(z.toks, w)
	z.n++
}

// cut records the word text[start:end].
func (z *tokenizer) cut(text string, start, end int) {
	w := text[start:end]
	z.record(w)
	if z.hashes != nil && z.v == nil {
		z.hashWord(text, start, end, hashSpan(text, start, end))
	}
	if z.v != nil {
		f := int32(-1)
		h, hashed := uint64(0), false
		if n := end - start; n < 8 && start+8 <= len(text) {
			// hashSpan's one-chunk case, inlined.
			tail := load8(text[start:]) & (1<<(8*uint(n)) - 1)
			h, hashed = mix(uint64(n)*0x9e3779b97f4a7c15^tail^0xe7037ed1a0b428db, 0x8ebc6af09c88c6e3), true
			f = z.v.find(h, w)
		} else if n <= z.v.maxLen {
			h, hashed = hashSpan(text, start, end), true
			f = z.v.find(h, w)
		}
		if z.hashes != nil {
			if !hashed {
				h = hashSpan(text, start, end)
			}
			z.hashWord(text, start, end, h)
		}
		if f >= 0 && z.v.starts[f] {
			z.at = append(z.at, int32(len(z.forms)))
		}
		z.forms = append(z.forms, f)
	}
}

// cutBuf records the word buf[start:].
func (z *tokenizer) cutBuf(start int) {
	z.cut(unsafe.String(unsafe.SliceData(z.buf), len(z.buf)), start, len(z.buf))
}
