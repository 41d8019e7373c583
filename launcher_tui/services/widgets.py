"""Widgets: an app endpoint placed on a board's grid, checked against the integration."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import ValidationError

from integrations.errors import UnknownEndpointError
from launcher_tui.services.configs import plain
from launcher_tui.services.errors import ValidationFailed, parse_input, validation_errors
from launcher_tui.services.lookup import delete_returning, find_app, find_board, find_widget
from launcher_tui.services.rules import MAX_COLUMNS, check_name
from launcher_tui.store import Store
from launcher_tui.store.models import App, Board, Widget

if TYPE_CHECKING:
    from integrations.base import Endpoint
    from integrations.registry import Registry
    from launcher_tui.services.schemas import Ref, WidgetInput, WidgetRecord, WidgetUpdate

DEFAULT_REFRESH = 30.0


class Box(NamedTuple):
    """A grid rectangle."""

    x: int
    y: int
    w: int
    h: int

    def overlaps(self, other: Box) -> bool:
        return (
            self.x < other.x + other.w
            and other.x < self.x + self.w
            and self.y < other.y + other.h
            and other.y < self.y + self.h
        )


def first_free(columns: int, size: tuple[int, int], taken: Iterable[Box]) -> tuple[int, int]:
    """The top-most, then left-most place where a ``size`` (w, h) box fits."""
    w, h = size
    boxes = list(taken)
    bottom = max((b.y + b.h for b in boxes), default=0)
    for y in range(bottom + 1):
        for x in range(columns - w + 1):
            if not any(Box(x, y, w, h).overlaps(b) for b in boxes):
                return x, y
    return 0, bottom


class StoredWidget(NamedTuple):
    """One widget's columns as stored (see :meth:`WidgetService.stored_layout`)."""

    id: int
    app_id: int
    endpoint: str
    kind: str
    x: int
    y: int
    w: int
    h: int
    refresh_interval: float | None
    options: str
    title: str | None


class WidgetService:
    """The only way to read or change widgets."""

    def __init__(self, store: Store, registry: Registry) -> None:
        self.store = store
        self.registry = registry

    def list(self, board: Ref | None = None, *, kind: str | None = None) -> list[WidgetRecord]:
        """Widgets of one board (or all), top to bottom, left to right; ``kind``: of that
        renderer kind only (``"alert"``: what the alert watcher needs, without building a
        record for every other widget of a 1000-widget store)."""
        with self.store.read():
            query = Widget.select(Widget, Board, App).join(Board).switch(Widget).join(App)
            if board is not None:
                query = query.where(Widget.board == find_board(board).id)
            if kind is not None:
                query = query.where(Widget.kind == kind)
            query = query.order_by(Board.sort_order, Board.name, Widget.y, Widget.x)
            return [self._record(w) for w in query]

    def stored_layout(self) -> dict[int, tuple[StoredWidget, ...]]:
        """Every board's widgets as their stored values, by board id: what tells whether a
        board changed. No records are built (a record costs ~0.1 ms: 1000 widgets made the
        dashboard's start-up snapshot 0.1 s; issue #11)."""
        columns = [getattr(Widget, name) for name in StoredWidget._fields]
        by_board: dict[int, list[StoredWidget]] = {}
        with self.store.read():
            query = Widget.select(Widget.board, *columns).order_by(Widget.board, Widget.y, Widget.x)
            for board_id, *values in query.tuples():
                by_board.setdefault(board_id, []).append(StoredWidget(*values))
        return {board_id: tuple(rows) for board_id, rows in by_board.items()}

    def get(self, widget_id: int) -> WidgetRecord:
        with self.store.read():
            return self._record(find_widget(widget_id))

    def add(self, data: WidgetInput | Mapping[str, Any]) -> WidgetRecord:
        """Place an app endpoint on a board; the renderer kind comes from the endpoint."""
        from launcher_tui.services.schemas import WidgetInput

        spec = parse_input(WidgetInput, data)
        with self.store.write():
            board = find_board(spec.board)
            app = find_app(spec.app)
            errors: dict[str, str] = {}
            endpoint = self._endpoint(app, spec.endpoint, errors)
            options = self._options(endpoint, spec.options, errors) if endpoint else {}
            taken = _boxes(board.id)
            if spec.x is None and spec.y is None and spec.w <= board.columns:
                x, y = first_free(board.columns, (spec.w, spec.h), taken)
            else:
                x, y = spec.x or 0, spec.y or 0
            _check_box(Box(x, y, spec.w, spec.h), board, taken, errors)
            title = _title(spec.title, errors)
            if errors or endpoint is None:
                raise ValidationFailed(errors)
            row = Widget.create(
                board=board,
                app=app,
                endpoint=endpoint.id,
                kind=str(endpoint.kind),
                x=x,
                y=y,
                w=spec.w,
                h=spec.h,
                refresh_interval=spec.refresh_interval,
                options=json.dumps(options, sort_keys=True),
                title=title,
            )
            return self._record(row)

    def update(self, widget_id: int, data: WidgetUpdate | Mapping[str, Any]) -> WidgetRecord:
        """Edit a widget in place: options, refresh interval, size, place, title.

        Only the fields given change (see :class:`WidgetUpdate`); options are checked against
        the endpoint again and the new box against the grid, like :meth:`add`.
        """
        from launcher_tui.services.schemas import WidgetUpdate

        spec = parse_input(WidgetUpdate, data)
        given = spec.model_fields_set
        with self.store.write():
            row = find_widget(widget_id)
            errors: dict[str, str] = {}
            if "options" in given:
                endpoint = self._endpoint(row.app, row.endpoint, errors)
                if endpoint is not None:
                    row.options = json.dumps(
                        self._options(endpoint, spec.options or {}, errors), sort_keys=True
                    )
            if "refresh_interval" in given:
                row.refresh_interval = spec.refresh_interval
            if "title" in given:
                row.title = _title(spec.title, errors)
            box = Box(
                row.x if spec.x is None else spec.x,
                row.y if spec.y is None else spec.y,
                row.w if spec.w is None else spec.w,
                row.h if spec.h is None else spec.h,
            )
            if box != (row.x, row.y, row.w, row.h):
                _check_box(box, row.board, _boxes(row.board_id, exclude=row.id), errors)
            if errors:
                raise ValidationFailed(errors)
            row.x, row.y, row.w, row.h = box
            row.save()
            return self._record(row)

    def move(self, widget_id: int, x: int, y: int) -> WidgetRecord:
        """Move a widget; refused when it would leave the grid or cover another widget."""
        return self._reshape(widget_id, lambda b: Box(x, y, b.w, b.h))

    def resize(self, widget_id: int, w: int, h: int) -> WidgetRecord:
        """Resize a widget in place (same rules as :meth:`move`)."""
        return self._reshape(widget_id, lambda b: Box(b.x, b.y, w, h))

    def remove(self, widget_id: int) -> WidgetRecord:
        return delete_returning(self.store, lambda: find_widget(widget_id), self._record)

    # -- helpers ------------------------------------------------------------------------------

    def _reshape(self, widget_id: int, change: Any) -> WidgetRecord:
        with self.store.write():
            row = find_widget(widget_id)
            box = change(Box(row.x, row.y, row.w, row.h))
            errors: dict[str, str] = {}
            _check_box(box, row.board, _boxes(row.board_id, exclude=row.id), errors)
            if errors:
                raise ValidationFailed(errors)
            row.x, row.y, row.w, row.h = box
            row.save()
            return self._record(row)

    def _endpoint(self, app: App, endpoint_id: str, errors: dict[str, str]) -> Endpoint | None:
        if not app.integration_type:
            errors["app"] = f"app '{app.name}' has no integration, so it has no data to show"
            return None
        try:
            return self.registry.get(app.integration_type).endpoint(endpoint_id)
        except UnknownEndpointError as exc:
            errors["endpoint"] = str(exc)
        except (LookupError, ImportError) as exc:  # integration unknown or broken
            errors["app"] = f"app '{app.name}': {exc}"
        return None

    @staticmethod
    def _options(
        endpoint: Endpoint, values: Mapping[str, Any], errors: dict[str, str]
    ) -> dict[str, Any]:
        if endpoint.options_model is None:
            if values:
                errors["options"] = f"endpoint '{endpoint.id}' takes no options"
            return {}
        try:
            return plain(endpoint.options_model.model_validate(dict(values)))
        except ValidationError as exc:
            errors.update(validation_errors(exc, prefix="options."))
            return {}

    def _record(self, row: Widget) -> WidgetRecord:
        from launcher_tui.services.schemas import WidgetRecord

        return WidgetRecord(
            id=row.id,
            board_id=row.board_id,
            board=row.board.name,
            app_id=row.app_id,
            app=row.app.name,
            endpoint=row.endpoint,
            kind=row.kind,
            x=row.x,
            y=row.y,
            w=row.w,
            h=row.h,
            refresh_interval=row.refresh_interval,
            effective_refresh=row.refresh_interval or self._default_refresh(row),
            options=json.loads(row.options or "{}"),
            title=row.title,
        )

    def _default_refresh(self, row: Widget) -> float:
        try:
            return float(self.registry.get(row.app.integration_type).endpoint(row.endpoint).refresh)
        except (LookupError, ImportError, TypeError):
            return DEFAULT_REFRESH


def _title(value: str | None, errors: dict[str, str]) -> str | None:
    """A card title: one line, or ``None`` (empty) for the derived one."""
    if not value:
        return None
    try:
        return check_name(value)
    except ValueError as exc:
        errors["title"] = str(exc)
        return None


def _boxes(board_id: int, exclude: int | None = None) -> list[Box]:
    query = Widget.select(Widget.x, Widget.y, Widget.w, Widget.h).where(Widget.board == board_id)
    if exclude is not None:
        query = query.where(Widget.id != exclude)
    return [Box(*t) for t in query.tuples()]


def _check_box(box: Box, board: Board, taken: list[Box], errors: dict[str, str]) -> None:
    """Inside the board's columns and not covering another widget."""
    if box.w < 1 or box.h < 1 or box.w > MAX_COLUMNS:
        errors["size"] = f"width must be 1-{MAX_COLUMNS} and height at least 1"
    elif box.x < 0 or box.y < 0:
        errors["position"] = "x and y must not be negative"
    elif box.x + box.w > board.columns:
        errors["position"] = (
            f"a {box.w}-wide widget at x={box.x} does not fit the board's {board.columns} columns"
        )
    elif any(box.overlaps(other) for other in taken):
        errors["position"] = f"({box.x}, {box.y}) {box.w}x{box.h} overlaps another widget"


def placement_refusal(
    record: WidgetRecord,
    box: Box,
    others: Iterable[WidgetRecord],
    columns: int,
    name: Callable[[WidgetRecord], str],
) -> str:
    """Why ``record`` cannot take ``box`` (one step of a move or resize), in words.

    "no room to the right: 'Load · This machine' is there" instead of grid coordinates: the
    person sees cards, not cells.
    """
    dx = (box.x + box.w) - (record.x + record.w) if box.x == record.x else box.x - record.x
    dy = (box.y + box.h) - (record.y + record.h) if box.y == record.y else box.y - record.y
    where = (
        "to the right" if dx > 0 else "to the left" if dx < 0 else "below" if dy > 0 else "above"
    )
    if box.w < 1 or box.h < 1:
        return "the card is as small as it gets (one column, one row)"
    if box.w > MAX_COLUMNS:
        return f"a card is at most {MAX_COLUMNS} columns wide"
    if box.x < 0 or box.y < 0 or box.x + box.w > columns:
        edge = f"the board has {columns} columns" if dx else "that is the top of the board"
        return f"no room {where}: {edge}"
    for other in others:
        if other.id != record.id and box.overlaps(Box(other.x, other.y, other.w, other.h)):
            return f"no room {where}: '{name(other)}' is there"
    return f"no room {where}"


def default_size(endpoint: Endpoint) -> tuple[int, int]:
    """A new card's ``(w, h)`` in grid cells: lists and charts need room, the rest read well
    in one cell. The add-widget form, the suggested cards and every importer use it."""
    return (2, 2) if str(endpoint.kind) in ("list", "chart") else (1, 1)


SUGGESTED_CARDS = 3
"""How many cards a new app is offered (one keystroke adds them all)."""


def suggested_endpoints(endpoints: Iterable[Endpoint]) -> list[Endpoint]:
    """The cards to offer for a new app: data that needs no options, alerts left to the banner.

    In the integration's own order (its author lists the headline data first), at most
    :data:`SUGGESTED_CARDS`.
    """
    chosen = []
    for endpoint in endpoints:
        if str(endpoint.kind) == "alert":
            continue  # alerts reach the banner without a card
        if endpoint.options_model is not None:
            try:
                endpoint.options_model.model_validate({})
            except ValidationError:
                continue  # needs a query, an entity, a container: not a default
        chosen.append(endpoint)
    return chosen[:SUGGESTED_CARDS]
