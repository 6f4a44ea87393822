package logo

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"

	xdraw "golang.org/x/image/draw"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

var errBlank = errors.New("blank")

// checkConfig decodes only the header of a raster and rejects images whose
// pixel count exceeds maxPixels, so a decompression bomb is never decoded.
func checkConfig(kind string, data []byte, decodeConfig func([]byte) (image.Config, error), maxPixels int) (image.Config, error) {
	cfg, err := decodeConfig(data)
	if err != nil {
		return cfg, fmt.Errorf("corrupt %s: %w", kind, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return cfg, fmt.Errorf("corrupt %s: %dx%d pixels", kind, cfg.Width, cfg.Height)
	}
	if int64(cfg.Width)*int64(cfg.Height) > int64(maxPixels) {
		return cfg, fmt.Errorf("%s too large: %dx%d pixels (cap %d)", kind, cfg.Width, cfg.Height, maxPixels)
	}
	return cfg, nil
}

func pngConfig(b []byte) (image.Config, error)  { return png.DecodeConfig(bytes.NewReader(b)) }
func jpegConfig(b []byte) (image.Config, error) { return jpeg.DecodeConfig(bytes.NewReader(b)) }
func gifConfig(b []byte) (image.Config, error)  { return gif.DecodeConfig(bytes.NewReader(b)) }

// preparePNG validates a PNG and re-encodes it as an 8-bit NRGBA PNG,
// trimmed and downscaled; fpdf then never meets 16-bit or interlaced data.
func preparePNG(data []byte, opts Options) (roadmap.Logo, error) {
	if _, err := checkConfig("PNG", data, pngConfig, opts.MaxPixels); err != nil {
		return roadmap.Logo{}, err
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return roadmap.Logo{}, fmt.Errorf("corrupt PNG: %w", err)
	}
	return finish(img, "PNG", roadmap.LogoPNG, "")
}

// prepareGIF converts the first frame of a GIF to PNG.
func prepareGIF(data []byte, opts Options) (roadmap.Logo, error) {
	if _, err := checkConfig("GIF", data, gifConfig, opts.MaxPixels); err != nil {
		return roadmap.Logo{}, err
	}
	img, err := gif.Decode(bytes.NewReader(data))
	if err != nil {
		return roadmap.Logo{}, fmt.Errorf("corrupt GIF: %w", err)
	}
	return finish(img, "GIF", roadmap.LogoPNG, "converted from GIF")
}

// prepareJPEG keeps a valid baseline RGB or grey JPEG byte for byte when it
// is small, has no margin to trim and needs no downscaling; otherwise it is
// re-encoded as PNG (Method stays roadmap.LogoJPEG, Format is "png").
func prepareJPEG(data []byte, opts Options) (roadmap.Logo, error) {
	cfg, err := checkConfig("JPEG", data, jpegConfig, opts.MaxPixels)
	if err != nil {
		return roadmap.Logo{}, err
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return roadmap.Logo{}, fmt.Errorf("corrupt JPEG: %w", err)
	}
	m := toNRGBA(img)
	if isBlankNRGBA(m) {
		return roadmap.Logo{}, errors.New("JPEG is blank")
	}
	var why string
	switch {
	case isCMYK(img):
		why = "CMYK"
	case jpegProgressive(data):
		why = "progressive"
	case len(data) > keepJPEGMax:
		why = "over 1 MiB"
	case max(cfg.Width, cfg.Height) > maxSide:
		why = fmt.Sprintf("downscaled from %dx%d", cfg.Width, cfg.Height)
	case trim(m) != m:
		why = "margins trimmed"
	default:
		return roadmap.Logo{Format: "jpeg", Method: roadmap.LogoJPEG, Width: cfg.Width, Height: cfg.Height, Data: data}, nil
	}
	return finishNRGBA(m, roadmap.LogoJPEG, "re-encoded as PNG: "+why)
}

func isCMYK(img image.Image) bool {
	_, ok := img.(*image.CMYK)
	return ok
}

// jpegProgressive reports whether a JPEG's frame header is progressive
// (SOF2, SOF6, SOF10 or SOF14), walking the marker segments up to SOS.
func jpegProgressive(data []byte) bool {
	i := 2
	for i+4 <= len(data) {
		if data[i] != 0xFF {
			return false
		}
		m := data[i+1]
		if m == 0xFF { // fill byte
			i++
			continue
		}
		switch m {
		case 0xC2, 0xC6, 0xCA, 0xCE:
			return true
		case 0xC0, 0xC1, 0xC3, 0xC5, 0xC7, 0xC9, 0xCB, 0xCD, 0xCF, 0xDA:
			return false
		}
		n := int(data[i+2])<<8 | int(data[i+3])
		i += 2 + n
	}
	return false
}

// finish turns a decoded raster into the stored PNG: blank check, trim,
// downscale, encode.
func finish(img image.Image, kind, method, note string) (roadmap.Logo, error) {
	m := toNRGBA(img)
	if isBlankNRGBA(m) {
		return roadmap.Logo{}, fmt.Errorf("%s is blank", kind)
	}
	return finishNRGBA(m, method, note)
}

func finishNRGBA(m *image.NRGBA, method, note string) (roadmap.Logo, error) {
	m = downscale(trim(m), maxSide)
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		return roadmap.Logo{}, fmt.Errorf("encode PNG: %w", err)
	}
	b := m.Bounds()
	return roadmap.Logo{Format: "png", Method: method, Note: note, Width: b.Dx(), Height: b.Dy(), Data: buf.Bytes()}, nil
}

// downscale shrinks m so its long side is at most limit, with Catmull-Rom.
func downscale(m *image.NRGBA, limit int) *image.NRGBA {
	w, h := m.Bounds().Dx(), m.Bounds().Dy()
	if max(w, h) <= limit {
		return m
	}
	nw, nh := limit, max(1, (h*limit+w/2)/w)
	if h > w {
		nw, nh = max(1, (w*limit+h/2)/h), limit
	}
	out := image.NewNRGBA(image.Rect(0, 0, nw, nh))
	xdraw.CatmullRom.Scale(out, out.Bounds(), m, m.Bounds(), xdraw.Src, nil)
	return out
}
