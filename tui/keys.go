package tui

import "charm.land/bubbles/v2/key"

// KeyMap holds every key binding of the shell and its flows. The root owns
// the one copy, in its Context; steps match keys against it and pick the
// bindings they use for their help (help.KeyMap), so the footer shows only
// what works on the current screen.
type KeyMap struct {
	Next      key.Binding
	Back      key.Binding
	NextField key.Binding
	PrevField key.Binding
	Up        key.Binding
	Down      key.Binding
	// Move is Up and Down as one help entry.
	Move     key.Binding
	Copy     key.Binding
	Toggle   key.Binding
	TickAll  key.Binding
	Edit     key.Binding
	Delete   key.Binding
	Override key.Binding
	Reimport key.Binding
	// Open opens something outside the terminal (a browser); Again runs
	// a step's work once more; Skip leaves an optional step; Paste takes
	// pasted input instead; Auto lets the program do a step itself.
	Open  key.Binding
	Again key.Binding
	Skip  key.Binding
	Paste key.Binding
	Auto  key.Binding
	// Number picks a numbered choice directly ("1/2/3"); steps set its help.
	Number key.Binding
	// Done ends a multi-line entry typed or pasted key by key.
	Done key.Binding
	// Details shows, in place of the screen, what a side panel shows on a
	// wide one; Write saves what the screen shows to a file.
	Details key.Binding
	Write   key.Binding
	// Help shows all keys ("?"), except while a field has focus, where ?
	// is typed; HelpAnywhere does the same on every screen, typing or not.
	Help         key.Binding
	HelpAnywhere key.Binding
	Quit         key.Binding
	Yes          key.Binding
	No           key.Binding
}

// DefaultKeyMap returns the keys every flow shares.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Next:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		NextField: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
		PrevField: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Move:      key.NewBinding(key.WithKeys("up", "down", "k", "j"), key.WithHelp("↑/↓", "move")),
		Copy:      key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy value")),
		Toggle:    key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "tick")),
		TickAll:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "tick all")),
		Edit:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Delete:    key.NewBinding(key.WithKeys("x", "delete"), key.WithHelp("x", "remove")),
		Override:  key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "continue anyway")),
		Reimport:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "import again")),
		Open:      key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open")),
		Again:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "again")),
		Skip:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "skip")),
		Paste:     key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "paste instead")),
		Auto:      key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "do it for me")),
		Number:    key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", "choose")),
		Done:      key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "done")),
		Details:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "details")),
		Write:     key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "write")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "more keys")),
		// ctrl+g types nothing in a text field and reaches the program
		// over SSH and tmux; F1 is the habit of many programs, but some
		// terminals keep it for their own help, so it is not the one shown.
		HelpAnywhere: key.NewBinding(key.WithKeys("ctrl+g", "f1"), key.WithHelp("ctrl+g", "more keys")),
		Quit:         key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Yes:          key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
		No:           key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "no")),
	}
}

// Bindings is a help.KeyMap made of fixed lists, so a step can describe its
// keys in one expression.
type Bindings struct {
	Short []key.Binding
	Full  [][]key.Binding
}

// ShortHelp implements help.KeyMap.
func (b Bindings) ShortHelp() []key.Binding { return b.Short }

// FullHelp implements help.KeyMap.
func (b Bindings) FullHelp() [][]key.Binding {
	if b.Full == nil {
		return [][]key.Binding{b.Short}
	}
	return b.Full
}

// With returns a binding with another help text, for keys whose meaning
// depends on the screen (enter is "next" on one step and "write" on another).
func With(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}
