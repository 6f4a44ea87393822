package brochure

import (
	"fmt"
	"io"

	"github.com/roadmapper/roadmapper/internal/fileout"
)

// WriteFile renders the brochure to path through internal/fileout (a
// temporary file in path's directory and a rename), so path never holds a
// half-written PDF. A missing directory, a directory that cannot be
// written or a failed render gives an error naming path, and leaves no
// file behind.
func WriteFile(path string, in Input) (Result, error) {
	var res Result
	err := fileout.Write(path, func(w io.Writer) error {
		var err error
		res, err = Render(w, in)
		return err
	})
	if err != nil {
		return res, fmt.Errorf("write brochure: %w", err)
	}
	return res, nil
}
