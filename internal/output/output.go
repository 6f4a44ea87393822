// Package output writes what roadmapper prints and saves: aligned tables,
// CSV, JSON and cleaned text streams (Markdown, HTML, plain text). Every
// format applies one rule to crawled text, plaintext.Strip: no control
// characters other than newline and tab, no bidirectional overrides. On
// top of it, CSV cells never start a spreadsheet formula, and table cells
// are one line.
package output

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/roadmapper/roadmapper/internal/plaintext"
)

// JSON writes v as indented JSON with a trailing newline. Strings keep
// <, > and & as they are (JSON is data, not HTML) and lose unsafe
// characters, including those encoding/json would escape (\u001b).
func JSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(cleanJSON(buf.Bytes()))
	return err
}

// JSONList writes n values as a JSON array, byte for byte as JSON would
// write the slice of them, encoding one value at a time: a long listing
// is never held encoded in memory at once. value(i) gives the i-th.
func JSONList(w io.Writer, n int, value func(i int) any) error {
	if n == 0 {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("  ", "  ")
	enc.SetEscapeHTML(false)
	bw.WriteString("[\n")
	for i := range n {
		buf.Reset()
		buf.WriteString("  ")
		if err := enc.Encode(value(i)); err != nil {
			return err
		}
		b := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		if i < n-1 {
			b = append(b, ',')
		}
		b = append(b, '\n')
		if _, err := bw.Write(cleanJSON(b)); err != nil {
			return err
		}
	}
	bw.WriteString("]\n")
	return bw.Flush()
}

// cleanJSON drops unsafe characters from the strings of encoded JSON:
// escapes of controls other than \n and \t (\u0000–\u001f, \b, \f, \r,
// \u007f–\u009f, the bidi range) and raw unsafe runes. Outside strings
// encoding/json writes only ASCII punctuation, digits and letters.
func cleanJSON(in []byte) []byte {
	out := make([]byte, 0, len(in))
	for i := 0; i < len(in); {
		c := in[i]
		if c == '\\' && i+1 < len(in) {
			switch in[i+1] {
			case 'b', 'f', 'r':
				i += 2
				continue
			case 'u':
				if i+6 <= len(in) {
					if r, err := strconv.ParseUint(string(in[i+2:i+6]), 16, 32); err == nil && plaintext.Unsafe(rune(r)) {
						i += 6
						continue
					}
				}
			}
			out = append(out, in[i], in[i+1])
			i += 2
			continue
		}
		r, size := utf8.DecodeRune(in[i:])
		if plaintext.Unsafe(r) {
			i += size
			continue
		}
		out = append(out, in[i:i+size]...)
		i += size
	}
	return out
}

// CSV writes a header and rows. Each cell is stripped of unsafe
// characters and, when it would start a formula in a spreadsheet (a
// leading =, +, -, @ or tab), prefixed with an apostrophe.
func CSV(w io.Writer, header []string, rows [][]string) error {
	return CSVList(w, header, len(rows), func(i int) []string { return rows[i] })
}

// CSVList is CSV with the n rows made one at a time by row(i), so a long
// listing is never held whole in memory.
func CSVList(w io.Writer, header []string, n int, row func(i int) []string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvCells(header)); err != nil {
		return err
	}
	for i := range n {
		if err := cw.Write(csvCells(row(i))); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvCells(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = CSVCell(c)
	}
	return out
}

// CSVCell is one CSV cell made safe: unsafe characters dropped, and a
// leading =, +, -, @, tab or carriage return (which a spreadsheet reads as
// the start of a formula) defused with an apostrophe.
func CSVCell(s string) string {
	s = plaintext.Strip(s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Table writes aligned columns: each cell but a line's last is padded
// with spaces to the widest cell of its column plus two, as
// text/tabwriter lays them out (tabwriterTable, for rows of uneven
// length). Cells are put on one line without invisible characters
// (plaintext.OneLine) and, when cut is true (a terminal), shortened to
// widths[i] runes (0: no limit) ending with "…". Table writes the cleaned
// cells back into rows. Unlike the tab writer, it holds no copy of the
// table: a listing of 100,000 items costs its rows and no more.
func Table(w io.Writer, header []string, rows [][]string, widths []int, cut bool) error {
	n := len(header)
	for _, r := range rows {
		if len(r) != n {
			return tabwriterTable(w, header, rows, widths, cut)
		}
	}
	colW := make([]int, n)
	clean := func(cells []string) {
		for i, c := range cells {
			c = plaintext.OneLine(c)
			if cut && i < len(widths) && widths[i] > 0 {
				c = Cut(c, widths[i])
			}
			cells[i] = c
			if i < n-1 {
				colW[i] = max(colW[i], utf8.RuneCountInString(c))
			}
		}
	}
	header = slices.Clone(header)
	clean(header)
	for _, r := range rows {
		clean(r)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	spaces := strings.Repeat(" ", slices.Max(append(colW, 0))+tablePadding)
	line := func(cells []string) {
		for i, c := range cells {
			bw.WriteString(c)
			if i < n-1 {
				bw.WriteString(spaces[:colW[i]+tablePadding-utf8.RuneCountInString(c)])
			}
		}
		bw.WriteByte('\n')
	}
	line(header)
	for _, r := range rows {
		line(r)
	}
	return bw.Flush()
}

// tablePadding is the space between a column's widest cell and the next.
const tablePadding = 2

// tabwriterTable is Table through text/tabwriter, for rows of uneven
// length (a column ends where a row has no cell for it).
func tabwriterTable(w io.Writer, header []string, rows [][]string, widths []int, cut bool) error {
	// The tab writer writes every cell and every pad on its own: gather
	// them, so a long table is a few large writes, not a system call each.
	bw := bufio.NewWriterSize(w, 64<<10)
	tw := tabwriter.NewWriter(bw, tablePadding, 4, tablePadding, ' ', 0)
	line := func(cells []string) {
		for i, c := range cells {
			c = plaintext.OneLine(c)
			if cut && i < len(widths) && widths[i] > 0 {
				c = Cut(c, widths[i])
			}
			if i > 0 {
				fmt.Fprint(tw, "\t")
			}
			fmt.Fprint(tw, c)
		}
		fmt.Fprintln(tw)
	}
	line(header)
	for _, r := range rows {
		line(r)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return bw.Flush()
}

// Cut shortens s to at most n runes, ending with "…" when cut.
func Cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// Writer passes text through to an underlying writer without unsafe
// characters (plaintext.Strip), for outputs written as a stream: Markdown,
// HTML, plain-text reports and messages. A character split across two
// writes is kept whole; invalid UTF-8 is dropped.
type Writer struct {
	w    io.Writer
	tail []byte // the start of a character whose end has not been written yet
}

// NewWriter returns a Writer over w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write strips p and writes it; it reports len(p) on success.
func (t *Writer) Write(p []byte) (int, error) {
	buf := p
	if len(t.tail) > 0 {
		buf = append(t.tail, p...)
		t.tail = nil
	}
	// Hold back an incomplete character at the end.
	end := len(buf)
	for k := 1; k <= 3 && k <= len(buf); k++ {
		b := buf[len(buf)-k]
		if b < 0x80 {
			break
		}
		if utf8.RuneStart(b) {
			if !utf8.FullRune(buf[len(buf)-k:]) {
				end = len(buf) - k
			}
			break
		}
	}
	if end < len(buf) {
		t.tail = append([]byte(nil), buf[end:]...)
	}
	if _, err := io.WriteString(t.w, plaintext.Strip(string(buf[:end]))); err != nil {
		return 0, err
	}
	return len(p), nil
}
