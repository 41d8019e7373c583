"""The forms in the default 80x24 SSH window (issue 10, "80x24 is the default SSH window").

A newcomer found, at 80x24: the first field's label scrolled above the fold when a form
opened, the integration picker's list spilling over the dialog and the footer, and a toast
sitting on the form's Save/Test buttons. Each test drives the real form with keys and reads
what is on screen.
"""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Button, Label, Select
from textual.widgets._select import SelectOverlay
from textual.widgets._toast import Toast

from launcher_tui.app import LauncherApp
from launcher_tui.screens.app_form import AppForm
from launcher_tui.screens.typeahead import TypeAheadForm
from tests.app.conftest import wait_until


async def open_form(app: LauncherApp, pilot, key: str) -> TypeAheadForm:
    """Press ``key`` on the board and wait for the form to have its first field focused."""
    await wait_until(pilot, lambda: app.focused_card is not None)
    await pilot.press(key)
    await wait_until(
        pilot, lambda: isinstance(app.screen, TypeAheadForm) and app.screen.typeahead_is_ready
    )
    form = app.screen
    assert isinstance(form, TypeAheadForm)
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    return form


@pytest.mark.parametrize(
    ("key", "label"),
    [("a", "Name *"), ("w", "App *"), ("e", "Title")],
    ids=["add-app", "add-widget", "edit-card"],
)
async def test_a_form_opens_with_its_first_field_and_label_in_view(
    make_app, frozen, key: str, label: str
):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(app, pilot, key)
        body = form.query_one("#form-body", VerticalScroll)
        focused = form.focused
        assert focused is not None
        await wait_until(pilot, lambda: body.can_view_entire(focused))  # drawn (in both versions)
        box = focused.parent
        assert box is not None and box.has_class("form-field")
        shown_label = box.query_one(Label)
        assert str(shown_label.content) == label  # the focused field's own label …
        assert body.can_view_entire(focused)
        assert body.can_view_entire(shown_label), f"{label!r} is scrolled out of view"


def toasts_on(screen) -> list[Toast]:
    return list(screen.query(Toast))


def notice_text(form) -> str:
    notices = form.query("#form-notice")
    return str(notices.first().render()) if notices else ""


@pytest.mark.parametrize("before_opening", [True, False], ids=["raised-before", "raised-during"])
async def test_a_notification_never_covers_the_form_buttons(make_app, frozen, before_opening):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        if before_opening:  # the toast of the last save is still up when the next form opens
            app.notify("Added CPU to Home.", title="Card", timeout=60)
        form = await open_form(app, pilot, "a")
        if not before_opening:
            app.notify("Saved Router.", title="App", timeout=60)
        expected = "Added CPU to Home." if before_opening else "Saved Router."
        await wait_until(pilot, lambda: expected in notice_text(form) or toasts_on(form))
        await pilot.pause()
        buttons = [b for b in form.query(Button) if b.display]
        assert buttons
        for toast in toasts_on(form):
            for button in buttons:
                assert not toast.region.overlaps(button.region), f"a toast covers {button.label}"
        assert expected in notice_text(form)  # … the form says it itself, in view
        notice = form.query_one("#form-notice")
        await wait_until(pilot, lambda: notice.region.height > 0)  # laid out
        dialog = form.query_one(".dialog")
        assert dialog.region.contains_region(notice.region)
        assert not any(notice.region.overlaps(b.region) for b in buttons)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_the_integration_picker_list_stays_inside_the_dialog_and_picks(
    make_app, frozen, size
):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        form = await open_form(app, pilot, "a")
        assert isinstance(form, AppForm)
        picker = form.query_one("#app-integration", Select)
        picker.focus()
        await wait_until(pilot, lambda: form.focused is picker)
        await pilot.press("enter")
        overlay = picker.query_one(SelectOverlay)
        dialog = form.query_one(".dialog")

        def inside() -> bool:
            shown = picker.expanded and overlay.region.height > 0
            return shown and dialog.content_region.contains_region(overlay.region)

        try:  # (the list is fitted when it takes the focus: wait for that layout)
            await wait_until(pilot, inside)
        except AssertionError:
            raise AssertionError(
                f"the list {overlay.region} leaves the dialog {dialog.content_region}"
            ) from None
        assert overlay.region.height >= 3  # room for more than one choice
        await pilot.press("down", "enter")  # usable: the next choice is taken
        await wait_until(pilot, lambda: not picker.expanded)
        assert picker.value == "adguard"
        assert form.kind == "adguard"
