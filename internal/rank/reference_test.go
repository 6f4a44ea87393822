package rank

// Reference versions of the reference finders, over a whole word list:
// the tokenizer's candidates and refs must give the same answers.

// proposals appends to dst the enhancement proposals named in toks ("NEP 47",
// "nep47", "pep-0011" → "PEP 11"), without duplicates, in order of appearance.
func proposals(toks []string, dst []string) []string {
	for i := range toks {
		dst = proposalAt(toks, i, dst) // on every word, unlike the tokenizer's candidates
	}
	return dst
}

// issueRefs counts distinct GitHub issue or PR links, plus "gh-NNN"
// references in the text.
func issueRefs(links []string, body []string) int {
	n := linkRefs(links)
	for i := 0; i+1 < len(body); i++ {
		if body[i] == "gh" && len(body[i+1]) <= 7 && isDigits(body[i+1]) {
			n++
		}
	}
	return n
}
