"""One panel for every explorer: its controls over a figure that follows them.

What a panel guarantees, whatever thread a change comes on. JupyterLab 4.6 sends widget messages
to an ipykernel 7 subshell, a thread of its own, while a cell may be running in the main thread;
with the setting ``commsOverSubshells: perComm`` every widget gets its own thread, so two
controls moved one after the other are handled at the same time.

* **One update at a time, and the last value wins.** An update holds the panel's lock and reads
  the controls when it starts: when two overlap, the later one draws what the controls hold by
  then, and an update that finds those values already drawn is skipped. The figure a student
  ends up with is the one of the last values they set.
* **Figures never go through pyplot.** pyplot's list of open figures is global: a cell that ends
  in the main thread shows and closes every open pyplot figure, one that a handler is halfway
  through drawing included. Explorers draw on ``plots.detached_figure`` and the panel shows the
  PNG in an ipywidgets ``Image``, whose value is plain widget state: nothing depends on which
  message a thread's output would be attached to (what an ``Output`` widget relies on).
* **The status line says what the figure shows**: the settings string that reproduces it, then a
  note (what the work is doing, or its result). While an update runs, the status line carries the
  CSS class ``course-panel-busy``; ``shown`` counts the figures shown, ``drawn`` holds the
  settings of the last update that finished.

Every explorer and the playground are built on ``Controlled`` (their rows, the settings they hold,
checked, and the settings string), and make their widgets with ``control_widgets``; an explorer
shows them in a ``Panel`` (``Controlled.show_panel``), the playground in its own play loop.
"""

from __future__ import annotations

import html
import io
import threading
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from .controls import Control, check_settings, defaults, settings_to_string

if TYPE_CHECKING:
    from matplotlib.figure import Figure

Show = Callable[["Figure", str], None]
BUSY = "course-panel-busy"  # on the status line while an update runs


def png(figure: "Figure") -> bytes:
    """``figure`` as PNG bytes at its own resolution, cropped to what is drawn (as a notebook shows
    a figure)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    return buffer.getvalue()


def control_widgets(
    controls: Sequence[Control], values: Mapping[str, Any], on_change: Callable[[str, Any], None], **size: str
) -> dict[str, Any]:
    """A widget per control, by name, showing ``values``; moving one calls ``on_change(name, value)``.
    ``size``: ``description_width`` and ``width`` (``Control.make_widget``'s)."""
    widgets = {}
    for control in controls:
        widget = control.make_widget(**size)
        widget.value = values[control.name]
        widget.observe(lambda change, name=control.name: on_change(name, change["new"]), names="value")
        widgets[control.name] = widget
    return widgets


class Panel:
    """The widgets of one explorer: a widget per control, an optional button, a status line and
    the figure, in ``box``.

    ``work(settings, show) -> str`` is the explorer's: it trains or computes with ``settings``
    (the controls' values, by name) and calls ``show(figure, note)`` for each figure on the way (a
    long run shows several; ``note`` says where it is); what it returns ends the status line, and
    ``busy`` stands there until the first figure. Moving a control updates; the button updates
    even when nothing changed.
    """

    def __init__(
        self,
        controls: Sequence[Control],
        work: Callable[[dict[str, Any], Show], str],
        values: Mapping[str, Any],
        button: str | None = None,
        icon: str = "play",
        extra: Sequence[Any] = (),
        busy: str = "working…",
    ) -> None:
        import ipywidgets as w

        self.work, self.busy = work, busy
        self.lock = threading.RLock()
        self.shown = 0
        self.drawn: dict[str, Any] | None = None
        self._drawing: dict[str, Any] = {}
        self.widgets = control_widgets(controls, values, lambda name, value: self.update())
        self.image = w.Image(format="png", layout=w.Layout(max_width="100%", height="auto"))
        self.status = w.HTML(layout=w.Layout(flex="1 1 0%", min_width="0"))  # it wraps; the button keeps its width
        self.status.add_class("course-panel-status")
        self.button = None
        row = [*extra, self.status]
        if button:
            self.button = w.Button(
                description=button, button_style="primary", icon=icon, layout=w.Layout(flex="0 0 auto")
            )
            self.button.on_click(lambda _: self.update(force=True))
            row.insert(0, self.button)
        self.box = w.VBox([*self.widgets.values(), w.HBox(row), self.image])
        self.box.add_class("course-panel")

    def values(self) -> dict[str, Any]:
        """What the controls hold now."""
        return {name: widget.value for name, widget in self.widgets.items()}

    def update(self, force: bool = False) -> bool:
        """Run the work with the values the controls hold now, unless the figure already shows them
        (``force``: run it anyway). True when it ran. An exception of the work is shown in the
        status line, then raised (JupyterLab puts its traceback in the log console)."""
        with self.lock:
            settings = self.values()
            if not force and settings == self.drawn:
                return False
            self.drawn, self._drawing = None, settings
            if self.button is not None:
                self.button.disabled = True
            self.status.add_class(BUSY)
            self._say(self.busy)
            try:
                note = self.work(dict(settings), self.show)
            except Exception as error:
                self._say(f"failed: <code>{html.escape(repr(error))}</code>", escape=False)
                raise
            finally:
                self.status.remove_class(BUSY)
                if self.button is not None:
                    self.button.disabled = False
            self.drawn = settings
            self._say(note)
            return True

    def show(self, figure: "Figure", note: str = "") -> None:
        """Show ``figure`` (during an update), with ``note`` after the settings in the status line."""
        self.image.value = png(figure)
        self.shown += 1
        self._say(note)

    def _say(self, note: str, escape: bool = True) -> None:
        note = html.escape(note) if escape else note
        settings = html.escape(settings_to_string(self._drawing)).replace(
            "&amp;", "&amp;<wbr>"
        )  # lines break after an &
        self.status.value = f"<code>{settings}</code>" + (f" · {note}" if note else "")


class Controlled:
    """What every explorer and the playground are built on: their rows of the table (``controls``)
    and the settings they hold, starting at the rows' defaults. ``set(**settings)`` changes them and
    refuses a misspelt name or a value out of its row's range (a ValueError that names the valid
    ones); ``settings_string()`` reproduces them; ``show_panel(work, ...)`` shows them in a ``Panel``
    whose every change runs ``work`` (``Panel``'s other arguments pass through)."""

    controls: tuple[Control, ...] = ()
    panel: Panel | None = None  # the widgets, once shown

    def __init__(self) -> None:
        self.settings: dict[str, Any] = defaults(self.controls)

    def set(self, **settings: Any) -> None:
        """Change settings, each checked against its row."""
        self.settings.update(check_settings(self.controls, settings, type(self).__name__))

    def settings_string(self) -> str:
        """The short string that reproduces the current settings (``controls.settings_from_string``)."""
        return settings_to_string(self.settings)

    def show_panel(self, work: Callable[[dict[str, Any], Show], str], **options: Any) -> Any:
        """The panel of these controls, updated once, ready to display (its box)."""
        self.panel = Panel(self.controls, work, self.settings, **options)
        self.panel.update()
        return self.panel.box
