package roadmap

import "strings"

// SourceKind describes one kind of item source. The rules that differ
// between kinds read these fields instead of comparing names, so a new
// kind (a YAML task list, a discovered file) is one more entry in
// SourceKinds: no new SQL and no new branch in the store, the ranking, the
// report or the command line.
type SourceKind struct {
	Name string
	// Order places the kind's items in listings (roadmap documents first),
	// then by position.
	Order int
	// Document kinds are sections of a roadmap document: counted as the
	// document's items, judged on their text, replaced as a whole when the
	// document is parsed again.
	Document bool
	// Tracker kinds are issues in a tracker: their demand comes from
	// reactions and comments, a document section that links one takes it as
	// evidence, and new ones are reported as new roadmap issues.
	Tracker bool
	// Label names one item of the kind for readers ("GitHub issue"); empty
	// for document sections, which need no label.
	Label string
}

// SourceKinds are the known kinds, in listing order.
var SourceKinds = []SourceKind{
	{Name: SourcePage, Order: 0, Document: true},
	{Name: SourceGitHub, Order: 1, Tracker: true, Label: "GitHub issue"},
}

// SourceOf returns the kind named name. An unknown name (data written by
// a newer version) is listed after the known kinds and is neither a
// document nor a tracker.
func SourceOf(name string) SourceKind {
	for _, k := range SourceKinds {
		if k.Name == name {
			return k
		}
	}
	return SourceKind{Name: name, Order: len(SourceKinds)}
}

// SourceOrderSQL is an SQL expression giving the Order of the source kind
// in column col, for ORDER BY; DocumentSourceSQL is true for document
// kinds. Both are built from SourceKinds, so the store's queries name no
// kind.
func SourceOrderSQL(col string) string {
	var b strings.Builder
	b.WriteString("CASE " + col)
	for _, k := range SourceKinds {
		b.WriteString(" WHEN " + sqlString(k.Name) + " THEN " + itoa(k.Order))
	}
	b.WriteString(" ELSE " + itoa(len(SourceKinds)) + " END")
	return b.String()
}

// DocumentSourceSQL is an SQL condition true when column col names a
// document kind (see SourceOrderSQL).
func DocumentSourceSQL(col string) string {
	var names []string
	for _, k := range SourceKinds {
		if k.Document {
			names = append(names, sqlString(k.Name))
		}
	}
	if len(names) == 0 {
		return "0"
	}
	return col + " IN (" + strings.Join(names, ", ") + ")"
}

// sqlString quotes s as an SQL string literal.
func sqlString(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
