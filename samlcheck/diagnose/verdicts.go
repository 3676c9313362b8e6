package diagnose

// kind is what a piece of evidence says about a cause.
type kind int

const (
	// hint: it makes the cause likelier, without deciding it.
	hint kind = iota
	// ruleOut: the cause is not what happened.
	ruleOut
	// confirm: the cause is what happened.
	confirm
)

// source is where a piece of evidence came from; a stronger source
// decides over a weaker one (a check's fact over an answer).
type source int

const (
	fromAnswer source = iota
	fromProfile
	fromCheck
)

// verdict is one piece of evidence about one cause.
type verdict struct {
	cause string
	kind  kind
	src   source
	// text is the evidence as support reads it.
	text string
	// headline and fix, when set, replace the cause's title and fix in a
	// diagnosis: they carry the values (both fingerprints, both spellings).
	headline, fix string
}

// verdicts gathers the evidence of one walk.
type verdicts struct{ list []verdict }

func (vs *verdicts) add(v verdict) { vs.list = append(vs.list, v) }

func (vs *verdicts) check(cause string, k kind, text string) *verdict {
	vs.add(verdict{cause: cause, kind: k, src: fromCheck, text: text})
	return &vs.list[len(vs.list)-1]
}

// of lists the verdicts about cause, in the order found.
func (vs *verdicts) of(cause string) []verdict {
	var out []verdict
	for _, v := range vs.list {
		if v.cause == cause {
			out = append(out, v)
		}
	}
	return out
}

// status decides a cause from its verdicts: the strongest source that
// decides anything decides, and within it a confirmation wins.
func status(vs []verdict) Status {
	best := -1
	st := StatusPossible
	for _, v := range vs {
		if v.kind == hint {
			continue
		}
		s := int(v.src)
		switch {
		case s > best:
			best = s
			st = map[kind]Status{confirm: StatusConfirmed, ruleOut: StatusRuledOut}[v.kind]
		case s == best && v.kind == confirm:
			st = StatusConfirmed
		}
	}
	return st
}

// hinted reports whether any verdict makes the cause likelier.
func hinted(vs []verdict) bool {
	for _, v := range vs {
		if v.kind == hint {
			return true
		}
	}
	return false
}

// deciding is the verdict a diagnosis quotes: the first confirmation of
// the strongest source, preferring one that carries a headline.
func deciding(vs []verdict) *verdict {
	var best *verdict
	for i := range vs {
		v := &vs[i]
		if v.kind != confirm {
			continue
		}
		if best == nil || v.src > best.src || (v.src == best.src && best.headline == "" && v.headline != "") {
			best = v
		}
	}
	return best
}
