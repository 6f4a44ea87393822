package logo

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
)

type format int

const (
	formatUnknown format = iota
	formatPNG
	formatJPEG
	formatGIF
	formatWebP
	formatSVG
	formatGzip
)

// sniffWindow is how far into a file sniff looks for the <svg root.
const sniffWindow = 64 << 10

// sniff detects the format of data from its leading bytes, never from a
// declared content type.
func sniff(data []byte) format {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return formatPNG
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return formatJPEG
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return formatGIF
	case len(data) >= 12 && bytes.Equal(data[:4], []byte("RIFF")) && bytes.Equal(data[8:12], []byte("WEBP")):
		return formatWebP
	case bytes.HasPrefix(data, []byte{0x1F, 0x8B}):
		return formatGzip
	}
	head := bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) > sniffWindow {
		head = head[:sniffWindow]
	}
	if len(head) > 0 && head[0] == '<' && (bytes.Contains(head, []byte("<svg")) || bytes.Contains(head, []byte(":svg"))) {
		return formatSVG
	}
	return formatUnknown
}

// gunzip decompresses a gzip stream (an .svgz), failing when the result
// would exceed limit bytes.
func gunzip(data []byte, limit int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("corrupt gzip: %w", err)
	}
	defer zr.Close()
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, fmt.Errorf("corrupt gzip: %w", err)
	}
	if int64(len(out)) > limit {
		return nil, errors.New("gzip expands beyond the size cap")
	}
	return out, nil
}
