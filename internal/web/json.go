package web

import (
	"encoding/json"
	"net/http"
)

// writeJSON answers with v as JSON; html/template-style escaping of <, >
// and & is kept (json.Marshal's default) so crawled text is inert.
func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(v)
}
