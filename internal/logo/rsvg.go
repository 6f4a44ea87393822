package logo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// maxRsvgOutput caps the PNG read from rsvg-convert.
const maxRsvgOutput = 64 << 20

// rsvgMemoryLimit caps the address space of an rsvg-convert child
// (RLIMIT_AS): a document that needs more fails to render rather than
// taking the machine's memory. It starts in about 60 MiB.
var rsvgMemoryLimit uint64 = 768 << 20

// renderRsvg rasterises svg with the rsvg-convert program at path: SVG on
// stdin, PNG on stdout, no shell. It fails when the program fails, times
// out with ctx, or writes too much or no valid PNG.
func renderRsvg(ctx context.Context, path string, svg []byte, w, h, maxPixels int) (image.Image, error) {
	cmd := exec.CommandContext(ctx, path,
		"--format", "png",
		"--width", strconv.Itoa(w),
		"--height", strconv.Itoa(h))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout := &capWriter{limit: maxRsvgOutput}
	stderr := &capWriter{limit: 4 << 10, quiet: true}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.WaitDelay = 2 * time.Second
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	// The memory cap is set before the document is sent: until it reads
	// stdin, rsvg-convert has nothing to allocate for.
	if err := limitMemory(cmd.Process.Pid, rsvgMemoryLimit); err != nil {
		stdin.Close()
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return nil, fmt.Errorf("cannot limit its memory: %w", err)
	}
	go func() {
		_, _ = stdin.Write(svg)
		stdin.Close()
	}()
	if err := cmd.Wait(); err != nil {
		if ctx.Err() != nil {
			return nil, errors.New("timed out")
		}
		if msg := strings.TrimSpace(stderr.buf.String()); msg != "" {
			return nil, fmt.Errorf("%w: %s", err, truncate(firstLine(msg), 120))
		}
		return nil, err
	}
	out := stdout.buf.Bytes()
	if _, err := checkConfig("PNG", out, pngConfig, maxPixels); err != nil {
		return nil, err
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		return nil, fmt.Errorf("corrupt PNG: %w", err)
	}
	return img, nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// capWriter buffers up to limit bytes; beyond it, it fails the write (or,
// when quiet, discards the rest).
type capWriter struct {
	buf   bytes.Buffer
	limit int
	quiet bool
}

func (c *capWriter) Write(p []byte) (int, error) {
	room := c.limit - c.buf.Len()
	if len(p) > room {
		c.buf.Write(p[:max(room, 0)])
		if c.quiet {
			return len(p), nil
		}
		return 0, errors.New("output too large")
	}
	return c.buf.Write(p)
}
