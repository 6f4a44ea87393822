package brochure

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"runtime"
	"sync"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/draw"

	"github.com/roadmapper/roadmapper/internal/logo"
)

// maxLogoBytes and maxLogoPixels bound what a logo may cost.
const (
	maxLogoBytes  = 8 << 20
	maxLogoPixels = 4096 * 4096
)

// logoImage is a logo registered with the document.
type logoImage struct {
	name string
	w, h float64 // pixels
	// resampled is set when the logo was drawn at another width than its
	// own (see uniqueWidth): what was embedded.
	resampled *prepared
}

// prepared is a logo made ready for fpdf: bytes it embeds cheaply and the
// size of the mark in pixels.
type prepared struct {
	data []byte
	typ  string // "PNG" or "JPG"
	w, h float64
}

// logoCache keeps prepared logos by content hash, so rendering the same
// logos again (several brochures in one process) skips decoding. It is
// bounded; a full cache starts over.
var logoCache struct {
	sync.Mutex
	m map[[32]byte]prepared
}

const maxCachedLogos = 256

// cacheLogo stores a prepared logo, starting over when the cache is full.
func cacheLogo(key [32]byte, p prepared) {
	logoCache.Lock()
	defer logoCache.Unlock()
	if logoCache.m == nil || len(logoCache.m) >= maxCachedLogos {
		logoCache.m = map[[32]byte]prepared{}
	}
	logoCache.m[key] = p
}

// registerLogo checks that data is a PNG or JPEG image Go can decode and
// registers it with pdf under name, trimmed of empty margins and flattened
// onto white. Any failure (corrupt, blank, too large, not PNG/JPEG) is an
// error, never a panic, and leaves pdf without an error set.
//
// used holds the pixel widths of the logos already in the document (nil:
// none): fpdf orders images by width alone when it writes them, so a logo
// whose width is taken is resampled a pixel or a few narrower, keeping its
// aspect, to make that order (and the PDF's bytes) the same on every run.
func registerLogo(pdf *fpdf.Fpdf, name string, data []byte, used map[int]bool) (img logoImage, err error) {
	return registerLogoKey(pdf, name, data, sha256.Sum256(data), used)
}

// registerLogoKey is registerLogo with the logo's content hash computed.
func registerLogoKey(pdf *fpdf.Fpdf, name string, data []byte, key [32]byte, used map[int]bool) (img logoImage, err error) {
	logoCache.Lock()
	p, ok := logoCache.m[key]
	logoCache.Unlock()
	if !ok {
		if p, err = prepareLogo(data); err != nil {
			return img, err
		}
		cacheLogo(key, p)
	}
	if used != nil {
		own := p.w
		if p, err = uniqueWidth(key, p, used); err != nil {
			return img, err
		}
		used[int(p.w)] = true
		if p.w != own {
			img.resampled = &p
		}
	}
	defer func() {
		if r := recover(); r != nil {
			pdf.ClearError()
			err = fmt.Errorf("embed image: %v", r)
		}
	}()
	info := pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: p.typ}, bytes.NewReader(p.data))
	if e := pdf.Error(); e != nil || info == nil {
		pdf.ClearError()
		return img, fmt.Errorf("embed image: %v", e)
	}
	img.name, img.w, img.h = name, p.w, p.h
	return img, nil
}

// uniqueWidth returns p, or p resampled to the widest free pixel width
// below its own (height scaled to keep the aspect) when its width is in
// used. A few pixels on a ~360-pixel logo do not show.
//
// Resampled logos are cached by content and width like prepared ones.
func uniqueWidth(key [32]byte, p prepared, used map[int]bool) (prepared, error) {
	w := freeWidth(int(p.w), used)
	if w == int(p.w) {
		return p, nil
	}
	return resampledTo(key, p, w)
}

// freeWidth is w when it is not in used, else the widest width below it
// that is not (or 1).
func freeWidth(w int, used map[int]bool) int {
	for used[w] && w > 1 {
		w--
	}
	return w
}

// resampledTo is p resampled to width w, from the cache when it is there.
func resampledTo(key [32]byte, p prepared, w int) (prepared, error) {
	rkey := resizedKey{key, w}
	resizedCache.Lock()
	r, ok := resizedCache.m[rkey]
	resizedCache.Unlock()
	if ok {
		return r, nil
	}
	r, err := resample(p, w)
	if err != nil {
		return p, err
	}
	resizedCache.Lock()
	if resizedCache.m == nil || len(resizedCache.m) >= maxCachedLogos {
		resizedCache.m = map[resizedKey]prepared{}
	}
	resizedCache.m[rkey] = r
	resizedCache.Unlock()
	return r, nil
}

// resizedKey names a logo resampled to a width.
type resizedKey struct {
	content [32]byte
	width   int
}

// resizedCache keeps logos resampled by uniqueWidth.
var resizedCache struct {
	sync.Mutex
	m map[resizedKey]prepared
}

// resample scales p to width w, keeping its aspect, as an opaque PNG.
func resample(p prepared, w int) (prepared, error) {
	img, _, err := image.Decode(bytes.NewReader(p.data))
	if err != nil {
		return p, fmt.Errorf("decode image: %w", err)
	}
	h := max(1, int(math.Round(p.h*float64(w)/p.w)))
	// RGBA on both sides takes the scaler's fast path; prepared logos are
	// opaque already, so the result needs no flattening.
	src, ok := img.(*image.RGBA)
	if !ok {
		src = image.NewRGBA(img.Bounds())
		draw.Draw(src, src.Bounds(), img, img.Bounds().Min, draw.Src)
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: pngBuffers}
	if err := enc.Encode(&buf, dst); err != nil {
		return p, fmt.Errorf("re-encode image: %w", err)
	}
	return prepared{data: buf.Bytes(), typ: "PNG", w: float64(w), h: float64(h)}, nil
}

// inParallel runs f(0) … f(n-1) on up to four goroutines.
func inParallel(n int, f func(i int)) {
	work := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), 4, n)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				f(i)
			}
		}()
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
}

// prepareLogo decodes a PNG or JPEG logo, trims its empty margins and, when
// fpdf could not embed the bytes as they are cheaply, re-encodes it as an
// opaque PNG.
func prepareLogo(data []byte) (prepared, error) {
	if len(data) == 0 {
		return prepared{}, errors.New("no image data")
	}
	if len(data) > maxLogoBytes {
		return prepared{}, fmt.Errorf("image of %d bytes is too large", len(data))
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return prepared{}, fmt.Errorf("decode image: %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxLogoPixels {
		return prepared{}, fmt.Errorf("image of %dx%d pixels is out of bounds", cfg.Width, cfg.Height)
	}
	var decoded image.Image
	switch format {
	case "png":
		decoded, err = png.Decode(bytes.NewReader(data))
	case "jpeg":
		decoded, err = jpeg.Decode(bytes.NewReader(data))
	default:
		return prepared{}, fmt.Errorf("image format %s is not PNG or JPEG", format)
	}
	if err != nil {
		return prepared{}, fmt.Errorf("decode %s: %w", format, err)
	}
	// Logos often come with wide empty margins; trim them so the mark
	// fills its box. A logo with nothing on it is no logo.
	content := contentBounds(decoded)
	if content.Empty() {
		return prepared{}, errors.New("image is blank")
	}
	trimmed := content != decoded.Bounds()
	if trimmed {
		decoded = subImage(decoded, content)
	}
	direct := !trimmed && ((format == "jpeg" && jpegColourOK(data)) || (format == "png" && pngDirect(data)))
	typ := "PNG"
	if direct && format == "jpeg" {
		typ = "JPG"
	}
	if direct {
		data = bytes.Clone(data) // the cache must not share the caller's slice
	} else {
		// Transparency is flattened onto the white page: fpdf would
		// otherwise split and recompress the alpha channel of every logo,
		// the slowest step of a whole brochure.
		var buf bytes.Buffer
		enc := png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: pngBuffers}
		if err := enc.Encode(&buf, onWhite(decoded)); err != nil {
			return prepared{}, fmt.Errorf("re-encode image: %w", err)
		}
		data = buf.Bytes()
	}
	b := decoded.Bounds()
	return prepared{data: data, typ: typ, w: float64(b.Dx()), h: float64(b.Dy())}, nil
}

// pngBuffers reuses PNG encoder state (its zlib writer is costly to make).
var pngBuffers = &pngPool{}

type pngPool struct{ p sync.Pool }

func (p *pngPool) Get() *png.EncoderBuffer {
	b, _ := p.p.Get().(*png.EncoderBuffer)
	return b
}

func (p *pngPool) Put(b *png.EncoderBuffer) { p.p.Put(b) }

// pngDirect reports whether fpdf can embed a PNG cheaply as it is: 8 bits
// per channel, grey or RGB without an alpha channel, not interlaced.
func pngDirect(data []byte) bool {
	// signature (8) + IHDR length (4) + "IHDR" (4) + width, height (8) + depth, colour, compression, filter, interlace
	if len(data) < 29 || string(data[12:16]) != "IHDR" {
		return false
	}
	depth, colour := data[24], data[25]
	return depth == 8 && (colour == 0 || colour == 2) && data[28] == 0 && !bytes.Contains(data, []byte("tRNS"))
}

// jpegColourOK reports whether a JPEG is grey or YCbCr; CMYK JPEGs (often
// Adobe-inverted, printing as negatives) are re-encoded instead.
func jpegColourOK(data []byte) bool {
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	return err == nil && cfg.ColorModel != color.CMYKModel
}

// contentBounds is the smallest rectangle holding every pixel that shows
// on white paper (logo.Ink, the rule the crawl trims logos by).
func contentBounds(src image.Image) image.Rectangle {
	b := src.Bounds()
	minX, minY, maxX, maxY := b.Max.X, b.Max.Y, b.Min.X-1, b.Min.Y-1
	// pixel returns premultiplied 16-bit channels; fast for the common types.
	pixel := func(x, y int) (r, g, bl, a uint32) { return src.At(x, y).RGBA() }
	switch m := src.(type) {
	case *image.NRGBA:
		pixel = func(x, y int) (r, g, bl, a uint32) {
			p := m.Pix[m.PixOffset(x, y):]
			a = uint32(p[3]) * 0x101
			return uint32(p[0]) * a / 0xff, uint32(p[1]) * a / 0xff, uint32(p[2]) * a / 0xff, a
		}
	case *image.RGBA:
		pixel = func(x, y int) (r, g, bl, a uint32) {
			p := m.Pix[m.PixOffset(x, y):]
			return uint32(p[0]) * 0x101, uint32(p[1]) * 0x101, uint32(p[2]) * 0x101, uint32(p[3]) * 0x101
		}
	case *image.Paletted:
		pal := make([][4]uint32, len(m.Palette))
		for i, c := range m.Palette {
			r, g, bl, a := c.RGBA()
			pal[i] = [4]uint32{r, g, bl, a}
		}
		pixel = func(x, y int) (r, g, bl, a uint32) {
			i := int(m.Pix[m.PixOffset(x, y)])
			if i >= len(pal) {
				return 0, 0, 0, 0
			}
			return pal[i][0], pal[i][1], pal[i][2], pal[i][3]
		}
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if !logo.Ink(pixel(x, y)) {
				continue
			}
			minX, minY = min(minX, x), min(minY, y)
			maxX, maxY = max(maxX, x), max(maxY, y)
		}
	}
	if maxX < minX {
		return image.Rectangle{}
	}
	return image.Rect(minX, minY, maxX+1, maxY+1)
}

// subImage crops an image.
func subImage(src image.Image, r image.Rectangle) image.Image {
	if s, ok := src.(interface {
		SubImage(image.Rectangle) image.Image
	}); ok {
		return s.SubImage(r)
	}
	dst := image.NewNRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			dst.Set(x-r.Min.X, y-r.Min.Y, src.At(x, y))
		}
	}
	return dst
}

// onWhite composites an image onto white, giving an opaque RGB image.
func onWhite(src image.Image) *image.RGBA {
	b := src.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	blend := func(c, a uint32) uint8 { // c premultiplied, 16-bit
		return uint8((c + (0xffff - a)) >> 8)
	}
	if n, ok := src.(*image.NRGBA); ok {
		for y := 0; y < b.Dy(); y++ {
			off := n.PixOffset(b.Min.X, b.Min.Y+y)
			row := n.Pix[off : off+4*b.Dx()]
			out := dst.Pix[y*dst.Stride:]
			for x := 0; x < len(row); x += 4 {
				a := uint32(row[x+3])
				for c := 0; c < 3; c++ {
					out[x+c] = uint8((uint32(row[x+c])*a + 255*(255-a) + 127) / 255)
				}
				out[x+3] = 0xff
			}
		}
		return dst
	}
	i := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := src.At(x, y).RGBA()
			dst.Pix[i], dst.Pix[i+1], dst.Pix[i+2], dst.Pix[i+3] = blend(r, a), blend(g, a), blend(bl, a), 0xff
			i += 4
		}
	}
	return dst
}
