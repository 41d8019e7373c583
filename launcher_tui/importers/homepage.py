"""Reading a Homepage config folder into a :class:`~launcher_tui.importers.plan.Plan`.

Files (each optional, at least one needed): ``services.yaml`` (groups, nested groups, services
and their widgets), ``bookmarks.yaml``, ``settings.yaml`` (title, theme, layout: group order
and columns) and ``widgets.yaml`` (``resources`` → this machine's ``system`` widgets,
``datetime`` → the header clock). Placeholders are substituted in the raw text first, as Homepage
does (:mod:`launcher_tui.importers.substitute`).

Order follows Homepage: groups named in ``settings.yaml`` ``layout`` first, in that order, then
the others as written; services inside a group by ``weight`` (default (index+1)*100), ties in
file order. Every service keeps a stable key (``Group/Nested/Service``) so a re-run updates it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from integrations.sanitize import clean_text
from launcher_tui.importers.errors import SourceError
from launcher_tui.importers.plan import BoardWidget, Plan, PlannedApp, PlannedBookmark
from launcher_tui.importers.substitute import Substituted, drop_missing, missing_in, substitute
from launcher_tui.importers.widgets import Mapped, TypeIndex, map_widget
from launcher_tui.importers.yamlfile import parse, read_text
from launcher_tui.services.schemas import MAX_COLUMNS, check_url

if TYPE_CHECKING:
    from integrations.registry import Registry

FILES = ("services.yaml", "bookmarks.yaml", "settings.yaml", "widgets.yaml")
DEFAULT_BOARD = "Homepage"
ICON_MAX = 20
THEMES = {"dark": "textual-dark", "light": "textual-light"}


def read_homepage(
    folder: Path | str,
    registry: Registry,
    *,
    board: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Plan:
    """The plan for Homepage's config folder ``folder`` (nothing is written)."""
    root = Path(folder).expanduser()
    if not root.is_dir():
        raise SourceError(f"{root} is not a folder", hint="Give Homepage's config folder.")
    texts = {name: read_text(root / name) for name in FILES}
    if all(text is None for text in texts.values()):
        raise SourceError(
            f"{root} has none of {', '.join(FILES)}", hint="Give Homepage's config folder."
        )
    plan = Plan(source="homepage", board=board or DEFAULT_BOARD)
    docs: dict[str, Any] = {}
    for name, text in texts.items():
        if text is None:
            continue
        done: Substituted = substitute(text, env)
        plan.secrets |= done.values
        plan.unresolved.update(done.problems)
        docs[name] = parse(done.text, name)
    index = TypeIndex(registry)
    settings = docs.get("settings.yaml") or {}
    if not isinstance(settings, Mapping):
        raise SourceError("settings.yaml: expected a map of settings at the top")
    layout = _layout(settings.get("layout"))
    _settings(settings, plan)
    _services(docs.get("services.yaml"), layout, index, plan)
    _bookmarks(docs.get("bookmarks.yaml"), plan)
    _info_widgets(docs.get("widgets.yaml"), index, plan)
    columns = [a.columns for a in plan.apps if a.columns]
    plan.board_columns = min(max([4, *columns]), MAX_COLUMNS)
    for n, app in enumerate(plan.apps, start=1):
        app.sort_order = n
    return plan


# -- settings.yaml --------------------------------------------------------------------------


def _layout(raw: Any) -> dict[str, Any]:
    """``layout`` as {group: spec} in order (Homepage accepts a map or a list of one-key maps)."""
    if isinstance(raw, Mapping):
        return {str(k): v if isinstance(v, Mapping) else {} for k, v in raw.items()}
    out: dict[str, Any] = {}
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, Mapping):
            for k, v in item.items():
                out[str(k)] = v if isinstance(v, Mapping) else {}
    return out


def _settings(settings: Mapping[str, Any], plan: Plan) -> None:
    if settings.get("title"):
        plan.settings["title"] = str(settings["title"])
    if settings.get("instanceName"):  # picks homepage.instance.<name>.* Docker labels
        plan.settings["instance_name"] = str(settings["instanceName"])
    theme = settings.get("theme")
    if theme:
        if str(theme) in THEMES:
            plan.settings["theme"] = THEMES[str(theme)]
        else:
            plan.problems.append(f"settings.yaml theme {theme!r}: no equivalent")
    if settings.get("color"):
        plan.problems.append(
            f"settings.yaml color {settings['color']!r}: not imported (pick a theme with T)"
        )


# -- services.yaml --------------------------------------------------------------------------


def _single(entry: Any, where: str, plan: Plan) -> tuple[str, Any] | None:
    if isinstance(entry, Mapping) and len(entry) == 1:
        name, value = next(iter(entry.items()))
        return str(name), value
    plan.problems.append(f"{where}: expected a one-key map (name: ...), skipped")
    return None


def _ordered_groups(doc: list[Any], layout: Mapping[str, Any], plan: Plan) -> list[tuple[str, Any]]:
    groups = [g for g in (_single(e, "services.yaml", plan) for e in doc) if g is not None]
    merged: dict[str, list[Any]] = {}
    for name, entries in groups:  # Homepage merges groups of the same name
        merged.setdefault(name, []).extend(entries if isinstance(entries, list) else [])
    ranked = {name: n for n, name in enumerate(layout)}
    order = sorted(merged, key=lambda g: (g not in ranked, ranked.get(g, 0)))
    return [(name, merged[name]) for name in order]


def _services(doc: Any, layout: Mapping[str, Any], index: TypeIndex, plan: Plan) -> None:
    if doc is None:
        return
    if not isinstance(doc, list):
        raise SourceError("services.yaml: expected a list of groups at the top")
    for name, entries in _ordered_groups(doc, layout, plan):
        _group([name], entries, layout.get(name) or {}, index, plan)


def _weight(value: Any, default: int) -> int:
    if value is None:
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0  # Homepage: parseInt → NaN → 0


def _group(
    path: list[str], entries: list[Any], spec: Mapping[str, Any], index: TypeIndex, plan: Plan
) -> None:
    where = "/".join(path)
    services: list[tuple[int, int, str, Mapping[str, Any]]] = []
    nested: list[tuple[str, list[Any]]] = []
    for n, entry in enumerate(entries):
        item = _single(entry, where, plan)
        if item is None:
            continue
        name, value = item
        if isinstance(value, list):
            nested.append((name, value))
        elif isinstance(value, Mapping):
            services.append((_weight(value.get("weight"), (n + 1) * 100), n, name, value))
        else:
            plan.skipped.append({"name": f"{where}/{name}", "reason": "no settings (href, icon …)"})
    columns = spec.get("columns") if isinstance(spec.get("columns"), int) else None
    for _, _, name, service in sorted(services, key=lambda s: (s[0], s[1])):
        plan_service([*path, name], service, columns, index, plan)
    for name, value in nested:
        sub = spec.get(name) if isinstance(spec.get(name), Mapping) else {}
        _group([*path, name], value, sub, index, plan)


def short_icon(icon: Any) -> str:
    """Homepage icons are file names, URLs or ``mdi-…``/``si-…`` names: keep a short name."""
    text = str(icon or "").strip()
    if len(text) <= ICON_MAX:
        return text
    stem = PurePosixPath(text.split("?")[0]).stem or text
    return stem[:ICON_MAX]


def _url(value: Any, label: str, problems: list[str]) -> str:
    text = str(value or "").strip()
    if not text:
        return ""
    try:
        return check_url(text)
    except ValueError as exc:
        problems.append(f"{label} {text!r}: {exc}")
        return ""


def plan_service(
    path: list[str],
    service: Mapping[str, Any],
    columns: int | None,
    index: TypeIndex,
    plan: Plan,
    *,
    key: str | None = None,
) -> None:
    """Add the app(s) one service becomes to ``plan`` (also used for Docker labels).

    Names and groups are one printable line each: a control character in them (a container
    label is anyone's text) is replaced by its visible stand-in.
    """
    name = clean_text(path[-1]).strip()[:100]
    group = clean_text(" / ".join(path[:-1])).strip()[:100]
    key = key or "/".join(path)
    problems = plan.missing(missing_in(service))
    service = drop_missing(service)  # type: ignore[assignment]
    href = _url(service.get("href"), "href", problems)
    widgets = [w for w in service.get("widgets") or [] if isinstance(w, Mapping)]
    if isinstance(service.get("widget"), Mapping):
        widgets.append(service["widget"])  # Homepage appends the legacy `widget`
    base = PlannedApp(
        key=key,
        name=name,
        url=href,
        group=group,
        icon=short_icon(service.get("icon")),
        description=str(service.get("description") or "")[:500],
        columns=columns,
        problems=problems,
    )
    mapped = [map_widget(w, href, index) for w in widgets]
    extra: list[PlannedApp] = []
    for n, result in enumerate(mapped):
        label = f"widget {result.type!r}" if len(mapped) > 1 else "widget"
        base.problems.extend(f"{label}: {p}" for p in result.problems)
        if result.integration is None:
            if result.attempted and base.integration is None and base.attempted is None:
                base.attempted, base.config = result.attempted, result.config
                base.secret_fields = result.secret_fields
            continue
        if base.integration is None:
            _bind(base, result, widgets[n])
        elif result.integration == base.integration and result.config == base.config:
            base.widgets.extend(result.widgets)
        else:
            other = PlannedApp(
                key=f"{key}#{n + 1}",
                name=f"{name} · {result.type}",
                url=base.url,
                group=group,
                icon=base.icon,
                description=base.description,
                columns=columns,
            )
            _bind(other, result, widgets[n])
            extra.append(other)
    if not base.url and base.integration is None:
        reasons = [*base.problems, "no href and no usable widget: nothing to open"]
        plan.skipped.append({"name": key, "reason": "; ".join(reasons)})
        return
    plan.apps.append(base)
    plan.apps.extend(extra)


def _bind(app: PlannedApp, result: Mapped, widget: Mapping[str, Any]) -> None:
    app.integration, app.attempted = result.integration, None
    app.config = result.config
    app.secret_fields = result.secret_fields
    app.widgets = list(result.widgets)
    if not app.url:
        app.url = _url(widget.get("url"), "widget url", app.problems)


# -- bookmarks.yaml -------------------------------------------------------------------------


def _bookmarks(doc: Any, plan: Plan) -> None:
    if doc is None:
        return
    if not isinstance(doc, list):
        raise SourceError("bookmarks.yaml: expected a list of groups at the top")
    for entry in doc:
        item = _single(entry, "bookmarks.yaml", plan)
        if item is None:
            continue
        group, links = item
        for link in links if isinstance(links, list) else []:
            found = _single(link, f"bookmarks.yaml/{group}", plan)
            if found is None:
                continue
            name, value = found
            details = value[0] if isinstance(value, list) and value else value  # 1-element list
            if not isinstance(details, Mapping):
                plan.skipped.append({"name": f"{group}/{name}", "reason": "bookmark without href"})
                continue
            problems: list[str] = []
            url = _url(details.get("href"), "href", problems)
            if not url:
                reason = problems[0] if problems else "bookmark without href"
                plan.skipped.append({"name": f"{group}/{name}", "reason": reason})
                continue
            plan.bookmarks.append(
                PlannedBookmark(
                    name=name,
                    url=url,
                    group=group,
                    icon=short_icon(details.get("abbr") or details.get("icon")),
                    description=str(details.get("description") or "")[:500],
                    sort_order=len(plan.bookmarks) + 1,
                )
            )


# -- widgets.yaml ---------------------------------------------------------------------------

RESOURCE_ENDPOINTS = (("cpu", "cpu"), ("memory", "memory"), ("disk", "disks"))


def _info_widgets(doc: Any, index: TypeIndex, plan: Plan) -> None:
    if doc is None:
        return
    if not isinstance(doc, list):
        raise SourceError("widgets.yaml: expected a list of widgets at the top")
    for entry in doc:
        item = _single(entry, "widgets.yaml", plan)
        if item is None:
            continue
        kind, options = item
        options = options if isinstance(options, Mapping) else {}
        if kind == "datetime":
            plan.settings["clock"] = "on"
        elif kind == "resources":
            _resources(options, plan)
        elif index.get(kind) is not None and options.get("url"):
            plan_service(["Info", kind], {"widget": {"type": kind, **options}}, None, index, plan)
        else:
            plan.problems.append(f"widgets.yaml {kind}: no equivalent, not imported")


def _resources(options: Mapping[str, Any], plan: Plan) -> None:
    widgets = [BoardWidget(ours) for theirs, ours in RESOURCE_ENDPOINTS if options.get(theirs)]
    plan.apps.append(
        PlannedApp(
            key="widgets.yaml/resources",
            name="This machine",
            group="Info",
            icon="🖥",
            integration="system",
            widgets=widgets or [BoardWidget("cpu"), BoardWidget("memory")],
            reuse_existing=True,
        )
    )
