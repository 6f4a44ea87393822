package logo

import (
	"image"
	"image/draw"
)

// Thresholds of IsBlank.
const (
	inkPerMille  = 5   // fewer ink pixels than 0.5% of the image: blank
	flatPerMille = 990 // ink box filled to 99% with one colour: a flat box
	flatTol      = 8   // per-channel tolerance of "one colour"
)

// IsBlank reports whether img shows nothing worth printing: fewer than 0.5%
// of its pixels are ink (neither transparent nor near-white), or the box
// around the ink is one flat colour (a background rectangle whose drawing
// was lost). An empty image is blank.
func IsBlank(img image.Image) bool {
	return isBlankNRGBA(toNRGBA(img))
}

func isBlankNRGBA(m *image.NRGBA) bool {
	b := m.Bounds()
	total := b.Dx() * b.Dy()
	if total == 0 {
		return true
	}
	box, ink := inkBounds(m)
	if ink*1000 < inkPerMille*total {
		return true
	}
	// The colour of the first ink pixel, then how much of the box matches it.
	var ref [4]uint8
	found := false
	for y := box.Min.Y; y < box.Max.Y && !found; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			i := m.PixOffset(x, y)
			if isInk(m.Pix[i : i+4]) {
				copy(ref[:], m.Pix[i:i+4])
				found = true
				break
			}
		}
	}
	same := 0
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			i := m.PixOffset(x, y)
			if near(m.Pix[i:i+4], ref) {
				same++
			}
		}
	}
	return same*1000 >= flatPerMille*box.Dx()*box.Dy()
}

func near(p []uint8, ref [4]uint8) bool {
	for k := range 4 {
		d := int(p[k]) - int(ref[k])
		if d < -flatTol || d > flatTol {
			return false
		}
	}
	return true
}

// isInk reports whether a non-premultiplied RGBA pixel is ink (see Ink).
func isInk(p []uint8) bool {
	a := uint32(p[3]) * 0x101
	return Ink(uint32(p[0])*a/0xff, uint32(p[1])*a/0xff, uint32(p[2])*a/0xff, a)
}

// Ink is the one rule for what of a logo shows on white paper, used to
// trim logos when they are crawled and again when a brochure draws them.
// It takes premultiplied 16-bit channels (as color.Color.RGBA returns):
// a pixel is ink when it is not (nearly) transparent, alpha at least 8/255,
// and laid over white some channel is darker than 245/255.
func Ink(r, g, b, a uint32) bool {
	if a < 8*0x101 {
		return false
	}
	const paper = 245 * 0x101
	return r+0xffff-a < paper || g+0xffff-a < paper || b+0xffff-a < paper
}

// inkBounds returns the smallest rectangle holding every ink pixel of m and
// the number of ink pixels. The rectangle is empty when there is no ink.
func inkBounds(m *image.NRGBA) (image.Rectangle, int) {
	b := m.Bounds()
	minX, minY, maxX, maxY := b.Max.X, b.Max.Y, b.Min.X, b.Min.Y
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := m.Pix[m.PixOffset(b.Min.X, y):]
		for x := b.Min.X; x < b.Max.X; x++ {
			i := (x - b.Min.X) * 4
			if !isInk(row[i : i+4]) {
				continue
			}
			n++
			minX, maxX = min(minX, x), max(maxX, x+1)
			minY, maxY = min(minY, y), max(maxY, y+1)
		}
	}
	if n == 0 {
		return image.Rectangle{}, 0
	}
	return image.Rect(minX, minY, maxX, maxY), n
}

// toNRGBA returns img as an *image.NRGBA with its origin at 0,0, converting
// when needed.
func toNRGBA(img image.Image) *image.NRGBA {
	if m, ok := img.(*image.NRGBA); ok && m.Bounds().Min == (image.Point{}) {
		return m
	}
	b := img.Bounds()
	m := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(m, m.Bounds(), img, b.Min, draw.Src)
	return m
}

// padFor is the margin kept around trimmed ink: 2% of the long side, at
// least one pixel.
func padFor(box image.Rectangle) int {
	return max(1, (max(box.Dx(), box.Dy())*2+50)/100)
}

// trim crops m to its ink plus a 2% pad of its own margin (the pad never
// extends beyond m). A blank m is returned as is.
func trim(m *image.NRGBA) *image.NRGBA {
	box, n := inkBounds(m)
	if n == 0 {
		return m
	}
	pad := padFor(box)
	want := box.Inset(-pad).Intersect(m.Bounds())
	if want == m.Bounds() {
		return m
	}
	out := image.NewNRGBA(image.Rect(0, 0, want.Dx(), want.Dy()))
	draw.Draw(out, out.Bounds(), m, want.Min, draw.Src)
	return out
}
