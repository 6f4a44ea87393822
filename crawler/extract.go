package crawler

import "github.com/roadmapper/roadmapper/crawler/extract"

// extractDoc is extract.Extract; tests wrap it to count parses.
var extractDoc = extract.Extract
