package setup

import "github.com/jcsso/jcsso/tui"

// guided is a step with a guide line above its content (Options.Guide):
// the step is laid out in the lines left.
type guided struct {
	tui.Step
	guide func(stepKey string) string
}

func (g guided) View(ctx *tui.Context, w, h int) string {
	line := g.guide(g.Key())
	if line == "" {
		return g.Step.View(ctx, w, h)
	}
	text := ctx.Styles.Info.Render(tui.Wrap(line, w))
	n := lines(text) + 1
	return text + "\n\n" + g.Step.View(ctx, w, max(h-n, 3))
}
