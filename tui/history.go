package tui

import tea "charm.land/bubbletea/v2"

// navigate applies the move a step asked for during its Update.
func (m *Model) navigate(cmd tea.Cmd) tea.Cmd {
	switch mv := m.ctx.Nav.take(); mv.kind {
	case moveNext:
		return tea.Batch(cmd, m.show(m.active+1, true))
	case moveBack:
		return tea.Batch(cmd, m.back())
	case moveTo:
		if i := m.index(mv.key); i >= 0 {
			return tea.Batch(cmd, m.show(i, true))
		}
	case moveRestart:
		if i := m.index(mv.key); i >= 0 {
			m.history = m.history[:0]
			for j := range i {
				m.history = append(m.history, j)
			}
			if i == m.active {
				return tea.Batch(cmd, m.step().Enter())
			}
			return tea.Batch(cmd, m.show(i, false))
		}
	}
	return cmd
}

// back returns to the step the user came from, if any.
func (m *Model) back() tea.Cmd {
	n := len(m.history)
	if n == 0 {
		return nil
	}
	i := m.history[n-1]
	m.history = m.history[:n-1]
	return m.show(i, false)
}

// show makes step i the active one; remember keeps the one left in the
// history, so back returns to it.
func (m *Model) show(i int, remember bool) tea.Cmd {
	if i < 0 || i >= len(m.cfg.Steps) || i == m.active {
		return nil
	}
	if remember {
		m.history = append(m.history, m.active)
	}
	m.active = i
	m.status = ""
	cmds := []tea.Cmd{m.step().Enter()}
	if m.cfg.OnStepChange != nil {
		cmds = append(cmds, m.cfg.OnStepChange(m.step().Key()))
	}
	return tea.Batch(cmds...)
}

// index is the position of the step with key in the flow's order, or -1.
func (m *Model) index(key string) int {
	for i, s := range m.cfg.Steps {
		if s.Key() == key {
			return i
		}
	}
	return -1
}

func (m *Model) step() Step { return m.cfg.Steps[m.active] }
