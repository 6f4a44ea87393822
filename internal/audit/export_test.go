package audit

// Fixtures for the writer tests in package audit_test (the writers live in
// internal/output, which imports this package).
var (
	FixtureProjects = fixtureProjects
	FixtureHistory  = fixtureHistory
	FixtureNow      = now
	StrPtr          = strPtr
)

func deref(p *string, none string) string {
	if p == nil {
		return none
	}
	return *p
}
