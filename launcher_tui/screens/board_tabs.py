"""The boards' tabbed container, which follows the focus only while that focus is current.

Textual's :class:`~textual.widgets.TabbedContent` switches to a pane when a widget inside it
gets the focus, through a ``TabPane.Focused`` message that travels up the DOM a few hops later.
When the active pane changes in between (the start-up focus lands on the Home board's first
card, then ``]`` or the palette switches boards before that message arrives), the late message
switched the dashboard back to the old board. Here a pane is only followed when the focused
widget is still inside it when the message is handled.
"""

from __future__ import annotations

from textual.widgets import TabbedContent, TabPane


class BoardTabs(TabbedContent):
    """A :class:`TabbedContent` that ignores stale "a widget in this pane got focus" messages."""

    def _on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        # Textual runs this handler, then the base class's (which switches panes) unless the
        # default is prevented
        focused = self.screen.focused
        if focused is None or event.tab_pane not in focused.ancestors:
            event.stop()
            event.prevent_default()
